package io.provisio.it;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates what most tests start from: a tenant and administrators, through the admin API. */
public final class Setup {

  private Setup() {}

  public record TenantAdmin(String tenantId, String email, String password, Http http) {}

  public static Http operator(String base) {
    return Http.basic(base, Deployments.operatorEmail(), Deployments.operatorPassword());
  }

  public static String tenant(String base, String name) {
    var answer = operator(base).post("/api/v1/tenants", "{\"name\":\"" + name + "\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getString("id");
  }

  public static String region(String base, String health) {
    var answer = operator(base).post("/api/v1/regions",
        "{\"name\":\"" + Deployments.unique("region") + "\",\"health\":\"" + health + "\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getString("id");
  }

  public static String profile(TenantAdmin admin, int maxUsers) {
    var answer = admin.http().post("/api/v1/tenants/" + admin.tenantId() + "/profiles",
        "{\"name\":\"" + Deployments.unique("profile") + "\",\"maxUsers\":" + maxUsers + "}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getString("id");
  }

  public static String mapping(TenantAdmin admin, String name, String criterion, String regionId, String profileId, int quotaGb) {
    var answer = admin.http().post("/api/v1/tenants/" + admin.tenantId() + "/mappings",
        "{\"name\":\"" + name + "\",\"criterion\":" + criterion + ",\"regionId\":\"" + regionId
            + "\",\"profileId\":\"" + profileId + "\",\"quotaGb\":" + quotaGb + ",\"sendActivationEmail\":false}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getString("id");
  }

  /** The recommended default: every user to a healthy region and an unlimited profile. */
  public static String allUsersMapping(String base, TenantAdmin admin) {
    return mapping(admin, "All users", "{\"allUsers\":true}", region(base, "HEALTHY"), profile(admin, 0), 50);
  }

  public static TenantAdmin admin(String base, String tenantId, String role) {
    String email = Deployments.unique(role.toLowerCase()) + "@example.com";
    String password = "pw-" + Deployments.unique("secret");
    var answer =
        operator(base)
            .post(
                "/api/v1/tenants/" + tenantId + "/administrators",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"role\":\"" + role
                    + "\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return new TenantAdmin(tenantId, email, password, Http.basic(base, email, password));
  }
}
