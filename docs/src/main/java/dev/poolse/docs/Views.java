package dev.poolse.docs;

import java.util.List;

/**
 * The view models the Mustache templates render. Every HTML-valued component (names ending in
 * {@code Html}) is already escaped or rendered from Markdown; every other string is escaped by the
 * template.
 */
final class Views {

    private Views() {
    }

    /** One row of a field table. */
    record Field(String name, String typeHtml, boolean nullable, boolean required, String descriptionHtml,
                 String constraintsHtml) {
    }

    /** One rendered example: its name, summary and pretty-printed JSON. */
    record Example(String name, String summary, String json) {
    }

    /** A named schema with its field table (objects) or values (enums). */
    record Schema(String name, String anchor, String typeHtml, String descriptionHtml, List<Field> fields,
                  List<String> enumValues, Example example) {
    }

    /** A parameter of an operation or channel. */
    record Param(String name, String in, String typeHtml, boolean required, String descriptionHtml,
                 String constraintsHtml, String example) {
    }

    /** A security scheme. */
    record Auth(String name, String anchor, String summary, String descriptionHtml) {
    }

    /** The security an operation requires: one scheme (or none). */
    record AuthRef(String name, String anchor, String summary) {
    }

    /** A request body. */
    record Body(String contentType, boolean required, String typeHtml, List<Field> fields, List<Example> examples) {
    }

    /** A response header. */
    record Header(String name, String typeHtml, String descriptionHtml) {
    }

    /** One response of an operation. */
    record Response(String status, String statusClass, String descriptionHtml, String contentType,
                    String typeHtml, List<Header> headers, List<Example> examples) {
    }

    /** One REST operation. */
    record Operation(String operationId, String anchor, String method, String methodClass, String path,
                     String summary, String descriptionHtml, List<AuthRef> auth, List<Param> parameters,
                     Body requestBody, List<Response> responses) {
    }

    /** The operations of one tag. */
    record Tag(String name, String anchor, String descriptionHtml, List<Operation> operations) {
    }

    /** A server entry. */
    record Server(String name, String url, String title, String descriptionHtml, List<AuthRef> auth) {
    }

    /** The whole REST reference page. */
    record RestPage(String title, String version, String descriptionHtml, List<Server> servers, List<Auth> auth,
                    List<Tag> tags, List<Schema> schemas) {
    }

    /** One message (event) of a realtime channel. */
    record Event(String anchor, String name, String title, String direction, String directionClass,
                 List<String> operations, String summary, String descriptionHtml, String payloadTypeHtml,
                 List<Field> fields, List<Example> examples, List<String> tags) {
    }

    /** One realtime channel. */
    record Channel(String key, String anchor, String address, String title, String summary,
                   String descriptionHtml, List<Param> parameters, List<Event> events, List<Event> systemEvents) {

        /**
         * What the channel carries, for the home page: {@code "10 events, 1 client push, 5 protocol
         * frames"}. Events are the application messages the server sends (or that go both ways),
         * client pushes those only the client sends, protocol frames the Phoenix ones; parts that
         * would be zero are left out.
         */
        public String counts() {
            long pushes = events.stream().filter(e -> "d-send".equals(e.directionClass())).count();
            List<String> parts = new java.util.ArrayList<>();
            add(parts, events.size() - pushes, "event", "events");
            add(parts, pushes, "client push", "client pushes");
            add(parts, systemEvents.size(), "protocol frame", "protocol frames");
            return parts.isEmpty() ? "no messages" : String.join(", ", parts);
        }

        private static void add(List<String> parts, long n, String one, String many) {
            if (n > 0) {
                parts.add(n + " " + (n == 1 ? one : many));
            }
        }
    }

    /** The whole realtime reference page. */
    record RealtimePage(String title, String version, String descriptionHtml, List<Server> servers,
                        List<Field> connectQuery, List<Auth> auth, List<Channel> channels, List<Schema> schemas) {
    }

    /** A guide page. */
    record Guide(String slug, String file, String title, String summary, String html) {
    }

    /** A link of the shared navigation header. */
    record NavItem(String label, String href, boolean current) {
    }
}
