package dev.poolse.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Static checks of a built site: nothing loads from the network (the site must work offline),
 * and every relative link and anchor points at an existing file and element id.
 */
final class SiteChecks {

    /** Elements whose attribute makes the browser fetch something when the page loads. */
    private static final String[][] LOADED = {
        {"script", "src"}, {"link", "href"}, {"img", "src"}, {"img", "srcset"}, {"source", "src"},
        {"source", "srcset"}, {"iframe", "src"}, {"embed", "src"}, {"object", "data"}, {"audio", "src"},
        {"video", "src"}, {"video", "poster"}, {"track", "src"}, {"input", "src"},
    };
    private static final Pattern REMOTE = Pattern.compile("(?i)^\\s*(https?:)?//");
    private static final Pattern CSS_REMOTE =
            Pattern.compile("(?i)(url\\(\\s*['\"]?\\s*(https?:)?//|@import\\s+['\"]\\s*(https?:)?//)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root;
    private final Map<Path, Set<String>> ids = new HashMap<>();

    /** @param siteRoot the folder holding {@code index.html}; links may not leave it */
    SiteChecks(Path siteRoot) {
        this.root = siteRoot.toAbsolutePath().normalize();
    }

    /** Every HTML page under the site root, sorted. */
    List<Path> pages() {
        return files(".html");
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Resources any page or stylesheet of the site would fetch from the network: scripts,
     * stylesheets, images, fonts ({@code url()} and {@code @import} in CSS, including inline styles).
     */
    List<String> remoteResources() {
        List<String> problems = new ArrayList<>();
        for (Path page : pages()) {
            Document doc = parse(page);
            for (String[] pair : LOADED) {
                for (Element e : doc.select(pair[0] + "[" + pair[1] + "]")) {
                    if (REMOTE.matcher(e.attr(pair[1])).find()) {
                        problems.add(rel(page) + ": <" + pair[0] + " " + pair[1] + "=\"" + e.attr(pair[1]) + "\">");
                    }
                }
            }
            for (Element style : doc.select("style")) {
                if (CSS_REMOTE.matcher(style.data()).find()) {
                    problems.add(rel(page) + ": <style> loads a remote resource");
                }
            }
            for (Element styled : doc.select("[style]")) {
                if (CSS_REMOTE.matcher(styled.attr("style")).find()) {
                    problems.add(rel(page) + ": style attribute loads a remote resource");
                }
            }
        }
        for (Path css : files(".css")) {
            try {
                if (CSS_REMOTE.matcher(Files.readString(css)).find()) {
                    problems.add(rel(css) + ": loads a remote resource (url() or @import)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return problems;
    }

    /**
     * Relative links of {@code page} ({@code a}, {@code area}, and every loaded resource) whose file
     * does not exist, leaves the site, or whose {@code #fragment} names no element of the target.
     */
    List<String> brokenLinks(Path page) {
        List<String> problems = new ArrayList<>();
        Document doc = parse(page);
        List<String[]> refs = new ArrayList<>();
        for (Element e : doc.select("a[href], area[href]")) {
            refs.add(new String[] {e.tagName(), e.attr("href")});
        }
        for (String[] pair : LOADED) {
            if (!pair[1].equals("srcset")) {
                for (Element e : doc.select(pair[0] + "[" + pair[1] + "]")) {
                    refs.add(new String[] {e.tagName(), e.attr(pair[1])});
                }
            }
        }
        for (String[] ref : refs) {
            String href = ref[1].trim();
            if (href.isEmpty() || href.startsWith("//") || SCHEME.matcher(href).find()) {
                continue; // external or non-file links are not the site's to resolve
            }
            int hash = href.indexOf('#');
            String pathPart = hash < 0 ? href : href.substring(0, hash);
            String fragment = hash < 0 ? "" : decode(href.substring(hash + 1));
            int query = pathPart.indexOf('?');
            if (query >= 0) {
                pathPart = pathPart.substring(0, query);
            }
            Path target = pathPart.isEmpty() ? page : page.getParent().resolve(decode(pathPart)).normalize();
            if (Files.isDirectory(target)) {
                target = target.resolve("index.html");
            }
            if (!target.startsWith(root)) {
                problems.add(rel(page) + ": <" + ref[0] + "> " + href + " leaves the site");
                continue;
            }
            if (!Files.isRegularFile(target)) {
                problems.add(rel(page) + ": <" + ref[0] + "> " + href + " -> missing file " + rel(target));
                continue;
            }
            if (!fragment.isEmpty() && target.toString().endsWith(".html") && !idsOf(target).contains(fragment)) {
                problems.add(rel(page) + ": <" + ref[0] + "> " + href + " -> no element with id '" + fragment
                        + "' in " + rel(target));
            }
        }
        return problems;
    }

    private Set<String> idsOf(Path page) {
        return ids.computeIfAbsent(page, p -> {
            Set<String> out = new HashSet<>();
            Document doc = parse(p);
            doc.select("[id]").forEach(e -> out.add(e.id()));
            doc.select("a[name]").forEach(e -> out.add(e.attr("name")));
            return out;
        });
    }

    private static Document parse(Path page) {
        try {
            return Jsoup.parse(page.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + page, e);
        }
    }

    private static String decode(String s) {
        // '+' is a literal in paths and fragments, not a space.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private String rel(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
