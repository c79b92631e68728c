package io.distsync.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers {@code GET /dashboard/} with the page. The container gives an exact {@code /dashboard/}
 * servlet mapping no precedence over the REST application's {@code /*}, so the page's address is
 * taken here, before any servlet is chosen; every other path under {@code /dashboard/} goes on.
 */
// The stream under /dashboard/ is asynchronous: every filter on its way must allow it.
@WebFilter(urlPatterns = "/dashboard/*", asyncSupported = true)
public class DashboardIndexFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String page = request.getContextPath() + "/dashboard/";
    if (page.equals(request.getRequestURI()) && "GET".equals(request.getMethod())) {
      request.getRequestDispatcher(DashboardFilesServlet.INDEX_PATH).forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
