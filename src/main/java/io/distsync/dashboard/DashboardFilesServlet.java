package io.distsync.dashboard;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The dashboard's static files. The REST application is mapped to {@code /*}, which hides the
 * container's file serving, so this servlet serves a fixed list of files from the WAR (and the
 * uPlot WebJar in it): no path from the request ever reaches the file system. They live under
 * {@code WEB-INF/dashboard/}, which the container never serves by itself. The files are public; the
 * data they show needs a token ({@code GET /dashboard/events}).
 */
@WebServlet(urlPatterns = {"/dashboard", "/dashboard/", "/dashboard/files/*"})
public class DashboardFilesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The uPlot WebJar's version: the same as in the POM. */
  static final String UPLOT = "/webjars/uplot/1.6.30/";

  /** Where {@link DashboardIndexFilter} sends {@code GET /dashboard/}. */
  static final String INDEX_PATH = "/dashboard/files/index.html";

  private record File(String path, String type) {}

  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private static final Map<String, File> FILES =
      Map.of(
          "index.html", new File("/WEB-INF/dashboard/index.html", "text/html; charset=utf-8"),
          "app.js", new File("/WEB-INF/dashboard/files/app.js", JS),
          "app.css", new File("/WEB-INF/dashboard/files/app.css", CSS),
          "stream.js", new File("/WEB-INF/dashboard/files/stream.js", JS),
          "cytoscape.min.js", new File("/WEB-INF/dashboard/files/cytoscape/cytoscape.min.js", JS),
          "cytoscape-LICENSE", new File("/WEB-INF/dashboard/files/cytoscape/LICENSE", TEXT),
          "uPlot.iife.min.js", new File(UPLOT + "dist/uPlot.iife.min.js", JS),
          "uPlot.min.css", new File(UPLOT + "dist/uPlot.min.css", CSS),
          "uplot-LICENSE", new File(UPLOT + "LICENSE", TEXT));

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String servletPath = request.getServletPath();
    if ("/dashboard".equals(servletPath) && request.getPathInfo() == null) {
      response.sendRedirect(request.getContextPath() + "/dashboard/");
      return;
    }
    String info = request.getPathInfo();
    File file = info == null ? null : FILES.get(info.substring(1));
    InputStream in = file == null ? null : getServletContext().getResourceAsStream(file.path());
    if (in == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    try (in) {
      response.setContentType(file.type());
      response.setHeader("Cache-Control", "no-cache");
      response.setHeader("X-Content-Type-Options", "nosniff");
      in.transferTo(response.getOutputStream());
    }
  }
}
