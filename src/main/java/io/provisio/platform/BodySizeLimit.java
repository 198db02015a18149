package io.provisio.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses request bodies over {@code provisio.max-body-bytes} with 413 before they are read:
 * at once when Content-Length says so, and while reading for chunked bodies.
 */
@WebFilter(urlPatterns = {"/api/*", "/scim/*", "/oauth/*"})
public class BodySizeLimit extends HttpFilter {

  private long limit;

  @Override
  public void init() {
    limit =
        ConfigProvider.getConfig()
            .getOptionalValue("provisio.max-body-bytes", Long.class)
            .orElse(1_048_576L);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(request, response);
      return;
    }
    if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
      chain.doFilter(new Limited(request, limit), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader("Connection", "close");
    FilterErrors.write(request, response, 413, "The request body is larger than the limit of " + limit + " bytes.");
  }

  /** A body without Content-Length: counted while read, refused past the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) count(1);
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0) count(n);
          return n;
        }

        private void count(int n) throws IOException {
          read += n;
          if (read > limit) {
            throw new BodyTooLargeException(limit);
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
