package dev.poolse.docs;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * Builds the static documentation site: the REST reference from {@code openapi.yaml}, the realtime
 * reference from {@code asyncapi.yaml}, the guide pages from Markdown, and the index, all through
 * the Mustache templates of {@code codegen-templates/docs}. The Javadoc is produced separately
 * into {@code api/}; until it exists a page there says how to build it.
 *
 * <p>The generator fails (throws) when a {@code $ref} does not resolve, when a page would load
 * anything from the network, or when a relative link or anchor of a generated page is broken, so a
 * broken site never builds green.
 */
public final class SiteGenerator {

    /** Where the REST reference is written, relative to the site root. */
    static final String REST_PAGE = "rest.html";
    /** Where the realtime reference is written, relative to the site root. */
    static final String REALTIME_PAGE = "realtime.html";
    /** The Javadoc folder, relative to the site root. */
    static final String API_DIR = "api";

    private final Path specDir;
    private final Path templatesDir;
    private final Path guidesDir;
    private final Path out;
    private final Markdown markdown = new Markdown();
    private final Mustache.Compiler mustache;

    private SiteGenerator(Path specDir, Path templatesDir, Path guidesDir, Path out) {
        this.specDir = specDir;
        this.templatesDir = templatesDir;
        this.guidesDir = guidesDir;
        this.out = out;
        this.mustache = Mustache.compiler()
                .escapeHTML(true)
                .nullValue("")
                .emptyStringIsFalse(true)
                .withLoader(name -> reader(templatesDir.resolve(name + ".mustache")));
    }

    /**
     * Command line entry point, run by the build.
     *
     * @param args {@code --spec DIR --templates DIR --guides DIR --out DIR}
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--spec", "--templates", "--guides", "--out")) {
            if (!opts.containsKey(required)) {
                throw new IllegalArgumentException(
                        "Usage: SiteGenerator --spec DIR --templates DIR --guides DIR --out DIR (missing " + required + ")");
            }
        }
        generate(Path.of(opts.get("--spec")), Path.of(opts.get("--templates")), Path.of(opts.get("--guides")),
                Path.of(opts.get("--out")));
    }

    /**
     * Generates the site into {@code out}, then checks it.
     *
     * @param specDir folder holding {@code openapi.yaml} and {@code asyncapi.yaml}
     * @param templatesDir folder of the Mustache templates and {@code assets/}
     * @param guidesDir folder of the Markdown guides ({@code NN-slug.md}, ordered by name)
     * @param out the site root; created when missing
     * @throws IOException when a file cannot be read or written
     * @throws IllegalStateException when the generated site loads remote resources or has broken links
     */
    public static void generate(Path specDir, Path templatesDir, Path guidesDir, Path out) throws IOException {
        Objects.requireNonNull(specDir, "specDir");
        Objects.requireNonNull(templatesDir, "templatesDir");
        Objects.requireNonNull(guidesDir, "guidesDir");
        Objects.requireNonNull(out, "out");
        new SiteGenerator(specDir, templatesDir, guidesDir, out.toAbsolutePath().normalize()).run();
    }

    private void run() throws IOException {
        Files.createDirectories(out);
        SpecSet specs = new SpecSet();
        Path openapi = specDir.resolve("openapi.yaml");
        Path asyncapi = specDir.resolve("asyncapi.yaml");

        Views.RestPage rest = new RestReference(specs, markdown, openapi).build();
        List<Views.Guide> guides = guides();
        write(REST_PAGE, rest.title(), "", "rest", "rest", Map.of("page", rest, "guides", guides));

        Views.RealtimePage realtime = new RealtimeReference(specs, markdown, asyncapi, openapi, REST_PAGE).build();
        write(REALTIME_PAGE, realtime.title(), "", "realtime", "realtime", Map.of("page", realtime, "guides", guides));

        for (Views.Guide g : guides) {
            List<Views.NavItem> guideNav = guides.stream()
                    .map(other -> new Views.NavItem(other.title(), other.file(), other == g)).toList();
            write("guides/" + g.file(), g.title(), "../", "guides", "guide", Map.of("guide", g, "guideNav", guideNav));
        }

        Path apiIndex = out.resolve(API_DIR).resolve("index.html");
        boolean javadoc = Files.exists(apiIndex) && !isPlaceholder(apiIndex);
        if (!javadoc) {
            write(API_DIR + "/index.html", "Java API reference (not built)", "../", "api", "api-placeholder",
                    Map.of("guides", guides));
        }

        Map<String, Object> index = new LinkedHashMap<>();
        index.put("rest", rest);
        index.put("realtime", realtime);
        index.put("guides", guides);
        write("index.html", "Poolse Java SDK documentation", "", "home", "index", index);

        copyAssets();
        check();
    }

    private static boolean isPlaceholder(Path apiIndex) throws IOException {
        return Files.readString(apiIndex).contains("data-placeholder=\"javadoc\"");
    }

    private List<Views.Guide> guides() throws IOException {
        List<Views.Guide> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(guidesDir)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String slug = name.replaceFirst("^\\d+-", "").replaceFirst("\\.md$", "");
            Node doc = markdown.parse(Files.readString(file));
            Node first = doc.getFirstChild();
            if (!(first instanceof Heading h) || h.getLevel() != 1) {
                throw new IllegalStateException(name + " must start with a '# Title' heading");
            }
            String title = Markdown.text(first);
            first.unlink(); // the layout prints the title
            out.add(new Views.Guide(slug, slug + ".html", title, Markdown.firstParagraph(doc), markdown.render(doc)));
        }
        return out;
    }

    private void write(String path, String title, String root, String section, String template,
                       Map<String, Object> model) throws IOException {
        Map<String, Object> ctx = new LinkedHashMap<>(model);
        ctx.put("root", root);
        String body = compile(template).execute(ctx);
        List<Views.NavItem> nav = List.of(
                new Views.NavItem("Overview", root + "index.html", section.equals("home")),
                new Views.NavItem("Guides", root + "guides/quick-start.html", section.equals("guides")),
                new Views.NavItem("REST API", root + REST_PAGE, section.equals("rest")),
                new Views.NavItem("Realtime API", root + REALTIME_PAGE, section.equals("realtime")),
                new Views.NavItem("Java API", root + API_DIR + "/index.html", section.equals("api")));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", title);
        page.put("root", root);
        page.put("nav", nav);
        page.put("section", section);
        page.put("body", body);
        Path target = out.resolve(path);
        Files.createDirectories(target.getParent());
        Files.writeString(target, compile("layout").execute(page), StandardCharsets.UTF_8);
    }

    private Template compile(String name) {
        try (Reader r = reader(templatesDir.resolve(name + ".mustache"))) {
            return mustache.compile(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader reader(Path file) {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing template " + file, e);
        }
    }

    private void copyAssets() throws IOException {
        Path assets = templatesDir.resolve("assets");
        Path target = out.resolve("assets");
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(assets)) {
            for (Path p : s.toList()) {
                Files.copy(p, target.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void check() {
        SiteChecks checks = new SiteChecks(out);
        List<String> problems = new ArrayList<>(checks.remoteResources());
        for (Path page : checks.pages()) {
            if (!page.startsWith(out.resolve(API_DIR)) || page.equals(out.resolve(API_DIR).resolve("index.html"))) {
                problems.addAll(checks.brokenLinks(page));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The generated site is broken:\n  " + String.join("\n  ", problems));
        }
    }
}
