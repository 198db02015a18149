// The interactive API reference: Swagger UI on the document the WAR serves at /openapi.
window.SwaggerUIBundle({
  url: new URL('../openapi', window.location.href).toString(),
  dom_id: '#reference',
  deepLinking: true,
  tryItOutEnabled: false,
});
