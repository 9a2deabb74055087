package dev.poolse.devserver.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One documented API operation: method, path template ({@code {name}} segments) and handler.
 */
final class Route {

  enum Auth { API_KEY, USER_TOKEN }

  @FunctionalInterface
  interface Handler {
    Result handle(RestApi.Call call);
  }

  /** A handler's answer: status and body (a wire model, a JSON node, or null for no body). */
  record Result(int status, Object body) {}

  final String method;
  final String template;
  final String[] segments;
  final Auth auth;
  final Handler handler;

  Route(String method, String template, Auth auth, Handler handler) {
    this.method = method;
    this.template = template;
    this.segments = template.substring(1).split("/");
    this.auth = auth;
    this.handler = handler;
  }

  /**
   * {@return the decoded path parameters, or null when the path does not match}
   *
   * @param pathSegments the request path split on '/', still percent-encoded
   */
  Map<String, String> match(String[] pathSegments) {
    if (pathSegments.length != segments.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.startsWith("{")) {
        if (pathSegments[i].isEmpty()) {
          return null;
        }
        params.put(s.substring(1, s.length() - 1), pathSegments[i]);
      } else if (!s.equals(pathSegments[i])) {
        return null;
      }
    }
    return params;
  }
}
