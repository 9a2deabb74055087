package dev.poolse.sdk.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One method of a generated Feign interface, read once from its annotations, that builds the
 * method's request directly, as Feign would, for the arguments it is sure about.
 *
 * <p>It handles a request line of literal path segments and {@code {name}} variables with an
 * optional query of {@code key={name}} pairs, header lines whose value is a literal or one
 * {@code {name}} variable, {@link Param} arguments with Feign's default expander, and at most one
 * unannotated JSON body. It builds a request only when every value it puts in the URL or a
 * header is a UUID, a number, a boolean or a string of characters that never need escaping
 * ({@code A-Z a-z 0-9 - . _ ~}), and the body is present; a {@code null} query value or header
 * value drops that pair or header, as in Feign. For anything else {@link #build} returns
 * {@code null} and the call goes through Feign.
 */
final class Route {
    /** A method this class does not handle: every call goes through Feign. */
    private static final Route FEIGN_ONLY = new Route(null, null, null, null, null, null, -1, null);
    private static final Set<Class<?>> SCALARS = Set.of(UUID.class, Integer.class, Long.class, Short.class,
            Boolean.class, String.class, int.class, long.class, short.class, boolean.class);

    private final String httpMethod;
    private final String prefix;
    /** Literal path parts and argument indexes (Integer) in order. */
    private final Object[] path;
    private final String[] queryKeys;
    private final int[] queryArgs;
    /** Headers in Feign's order (by name, ignoring case): literal value or argument index. */
    private final List<Map.Entry<String, Object>> headers;
    private final int bodyArg;
    private final ObjectWriter bodyWriter;

    private Route(String httpMethod, String prefix, Object[] path, String[] queryKeys, int[] queryArgs,
            List<Map.Entry<String, Object>> headers, int bodyArg, ObjectWriter bodyWriter) {
        this.httpMethod = httpMethod;
        this.prefix = prefix;
        this.path = path;
        this.queryKeys = queryKeys;
        this.queryArgs = queryArgs;
        this.headers = headers;
        this.bodyArg = bodyArg;
        this.bodyWriter = bodyWriter;
    }

    /**
     * Reads a method's annotations.
     *
     * @param method a method of a generated interface
     * @param baseUrl the API base URL Feign targets
     * @param mapper the JSON mapper Feign's encoder uses
     * @return its route, or one that leaves every call to Feign when the method has anything this
     *     class does not handle
     */
    static Route compile(Method method, String baseUrl, ObjectMapper mapper) {
        try {
            Route route = read(method, baseUrl, mapper);
            return route != null ? route : FEIGN_ONLY;
        } catch (RuntimeException e) {
            return FEIGN_ONLY;
        }
    }

    private static Route read(Method method, String baseUrl, ObjectMapper mapper) {
        RequestLine line = method.getAnnotation(RequestLine.class);
        if (line == null || method.getDeclaringClass().getAnnotations().length > 0 || method.isDefault()
                || baseUrl.endsWith("/") || baseUrl.contains("?") || baseUrl.contains("{")) {
            return null;
        }
        // Arguments: @Param with the default expander, or the one body.
        Map<String, Integer> names = new LinkedHashMap<>();
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        int bodyArg = -1;
        for (int i = 0; i < annotations.length; i++) {
            if (annotations[i].length == 0) {
                if (bodyArg >= 0) {
                    return null;
                }
                bodyArg = i;
                continue;
            }
            if (annotations[i].length != 1 || !(annotations[i][0] instanceof Param param)
                    || param.expander() != Param.ToStringExpander.class || param.encoded()
                    || !SCALARS.contains(types[i]) || names.put(param.value(), i) != null) {
                return null;
            }
        }
        String[] parts = line.value().trim().split(" ", -1);
        if (parts.length != 2 || !parts[0].matches("[A-Z]+")) {
            return null;
        }
        String target = parts[1];
        int q = target.indexOf('?');
        String pathTemplate = q < 0 ? target : target.substring(0, q);
        List<Object> path = new ArrayList<>();
        int at = 0;
        while (at < pathTemplate.length()) {
            int open = pathTemplate.indexOf('{', at);
            if (open < 0) {
                path.add(literal(pathTemplate.substring(at)));
                break;
            }
            int close = pathTemplate.indexOf('}', open);
            if (close < 0) {
                return null;
            }
            if (open > at) {
                path.add(literal(pathTemplate.substring(at, open)));
            }
            Integer arg = names.get(pathTemplate.substring(open + 1, close));
            if (arg == null) {
                return null;
            }
            path.add(arg);
            at = close + 1;
        }
        if (path.contains(null) || !pathTemplate.startsWith("/")) {
            return null;
        }
        List<String> queryKeys = new ArrayList<>();
        List<Integer> queryArgs = new ArrayList<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || !pair.endsWith("}") || pair.charAt(eq + 1) != '{' || !safe(pair.substring(0, eq))) {
                    return null;
                }
                Integer arg = names.get(pair.substring(eq + 2, pair.length() - 1));
                if (arg == null) {
                    return null;
                }
                queryKeys.add(pair.substring(0, eq));
                queryArgs.add(arg);
            }
        }
        List<Map.Entry<String, Object>> headers = new ArrayList<>();
        Headers declared = method.getAnnotation(Headers.class);
        for (String header : declared == null ? new String[0] : declared.value()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (!name.matches("[A-Za-z0-9-]+") || FeignRequests.restricted(name)) {
                return null;
            }
            if (value.startsWith("{") && value.endsWith("}")) {
                Integer arg = names.get(value.substring(1, value.length() - 1));
                if (arg == null) {
                    return null;
                }
                headers.add(Map.entry(name, arg));
            } else if (value.matches("[A-Za-z0-9/.+*;=, -]+")) {
                headers.add(Map.entry(name, value));
            } else {
                return null;
            }
        }
        headers.sort(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER));
        for (int i = 1; i < headers.size(); i++) {
            if (headers.get(i).getKey().equalsIgnoreCase(headers.get(i - 1).getKey())) {
                return null;
            }
        }
        ObjectWriter writer = bodyArg < 0 ? null
                : mapper.writerFor(mapper.getTypeFactory().constructType(method.getGenericParameterTypes()[bodyArg]));
        return new Route(parts[0], baseUrl, path.toArray(), queryKeys.toArray(new String[0]),
                queryArgs.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(headers), bodyArg, writer);
    }

    /** A literal part of the path, or {@code null} (not handled) if it would need escaping. */
    private static String literal(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '/' && !unreserved(c)) {
                return null;
            }
        }
        return part;
    }

    /**
     * Builds the request for these arguments.
     *
     * @param args the arguments of the recorded call
     * @return the request, or {@code null} when Feign must build it
     */
    PreparedRequest build(Object[] args) {
        if (this == FEIGN_ONLY) {
            return null;
        }
        StringBuilder url = new StringBuilder(prefix.length() + 96).append(prefix);
        for (Object part : path) {
            if (part instanceof String literal) {
                url.append(literal);
            } else {
                String value = text(args[(Integer) part]);
                if (value == null || value.isEmpty()) {
                    return null;
                }
                url.append(value);
            }
        }
        char separator = '?';
        for (int i = 0; i < queryKeys.length; i++) {
            Object arg = args[queryArgs[i]];
            if (arg == null) {
                continue;
            }
            String value = text(arg);
            if (value == null || value.isEmpty()) {
                return null;
            }
            url.append(separator).append(queryKeys[i]).append('=').append(value);
            separator = '&';
        }
        Map<String, List<String>> headerValues = new LinkedHashMap<>();
        for (Map.Entry<String, Object> header : headers) {
            String value;
            if (header.getValue() instanceof String literal) {
                value = literal;
            } else {
                Object arg = args[(Integer) header.getValue()];
                if (arg == null) {
                    continue;
                }
                value = text(arg);
                if (value == null || value.isEmpty()) {
                    return null;
                }
            }
            List<String> one = new ArrayList<>(1);
            one.add(value);
            headerValues.put(header.getKey(), one);
        }
        byte[] body = null;
        if (bodyArg >= 0) {
            Object value = args[bodyArg];
            if (value == null) {
                return null;
            }
            try {
                body = bodyWriter.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        byte[] bytes = body;
        return new PreparedRequest(httpMethod, URI.create(url.toString()), headerValues,
                bytes == null ? null : () -> HttpRequest.BodyPublishers.ofByteArray(bytes), true, true, false);
    }

    /** The value as Feign's default expander writes it, or {@code null} if it might need escaping. */
    private static String text(Object value) {
        if (value instanceof UUID || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof String s && safe(s)) {
            return s;
        }
        return null;
    }

    private static boolean safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!unreserved(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
