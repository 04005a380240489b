package org.trustedresearch.cases.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.WebappSession;

/**
 * The two ways in to the engine and the project's API: an integration with HTTP Basic against
 * {@code /engine-rest}, and a person signed in to a webapp, whose pages call the engine under
 * {@code /camunda/api/engine} (and the project's {@code /api} within the same login). Paths are
 * given as the engine REST API names them ({@code /task/...}) or as {@code /api/...}.
 */
enum Route {

  ENGINE_REST, WEBAPP;

  /** The webapp each person works in: the one the webapps' own pages would call from. */
  static final Map<String, String> WEBAPP_OF = Map.of("maria", "cockpit", "demo", "admin");

  /** One user on one route. */
  interface Caller {
    Reply get(String path);

    Reply post(String path, Object body);

    Reply put(String path, Object body);

    Reply delete(String path);

    Reply postFile(String path, Map<String, String> fields, String fileName, byte[] content);

    /** A body exactly as given, declared as {@code contentType} (or undeclared if null). */
    Reply postRaw(String path, String contentType, String body);
  }

  private static final Map<String, WebappSession> SESSIONS = new ConcurrentHashMap<>();

  Caller as(int port, String user) {
    return this == ENGINE_REST ? basic(new Http(port), user) : webapp(port, user);
  }

  /**
   * A caller with a login of its own, as a second browser tab or a second device of the same person
   * (engine REST sends its credentials with every request anyway).
   */
  Caller asOnAnotherDevice(int port, String user) {
    return this == ENGINE_REST ? basic(new Http(port), user)
        : webapp(WebappSession.logIn(port, WEBAPP_OF.getOrDefault(user, "tasklist"), user));
  }

  /** Engine REST of the engine at {@code engineRoot} ({@code /engine-rest/engine/<name>}). */
  static Caller engineRest(int port, String user, String engineRoot) {
    return basic(new Http(port), user, engineRoot);
  }

  /** The project's API and the webapps' own APIs as they are; anything else is an engine REST path. */
  static String engine(String path, String engineRoot) {
    return path.startsWith("/api/") || path.startsWith("/camunda/") ? path : engineRoot + path;
  }

  private static Caller basic(Http http, String user) {
    return basic(http, user, "/engine-rest");
  }

  private static Caller basic(Http http, String user, String root) {
    return new Caller() {
      public Reply get(String path) {
        return http.get(engine(path, root), user);
      }

      public Reply post(String path, Object body) {
        return http.post(engine(path, root), user, body);
      }

      public Reply put(String path, Object body) {
        return http.put(engine(path, root), user, body);
      }

      public Reply delete(String path) {
        return http.delete(engine(path, root), user);
      }

      public Reply postFile(String path, Map<String, String> fields, String fileName, byte[] content) {
        return http.postFile(engine(path, root), user, fields, fileName, content);
      }

      public Reply postRaw(String path, String contentType, String body) {
        return http.postRaw(engine(path, root), user, contentType, body.getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /** Signed in once per user and port: a login per request is not how the webapps are used. */
  private static Caller webapp(int port, String user) {
    return webapp(SESSIONS.computeIfAbsent(port + "/" + user,
        key -> WebappSession.logIn(port, WEBAPP_OF.getOrDefault(user, "tasklist"), user)));
  }

  private static Caller webapp(WebappSession session) {
    String root = WebappSession.ENGINE_API;
    return new Caller() {
      public Reply get(String path) {
        return session.get(engine(path, root));
      }

      public Reply post(String path, Object body) {
        return session.post(engine(path, root), body);
      }

      public Reply put(String path, Object body) {
        return session.put(engine(path, root), body);
      }

      public Reply delete(String path) {
        return session.delete(engine(path, root));
      }

      public Reply postFile(String path, Map<String, String> fields, String fileName, byte[] content) {
        return session.postFile(engine(path, root), fields, fileName, content);
      }

      public Reply postRaw(String path, String contentType, String body) {
        return session.postRaw(engine(path, root), contentType, body.getBytes(StandardCharsets.UTF_8));
      }
    };
  }
}
