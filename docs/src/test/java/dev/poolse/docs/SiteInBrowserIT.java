package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the generated pages in real headless Chromium: each must render with its title, without a
 * console message or uncaught exception, and (for our own pages) run the site script to its end.
 *
 * <p>Without Chromium the test fails when {@code CI=true} and is skipped with a message otherwise.
 * Of the Javadoc, the overview and the package pages are opened (they load the same scripts as
 * every class page); links of every Javadoc page are checked by {@link SiteLinksIT}.
 */
class SiteInBrowserIT {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static Chromium chromium;

    @BeforeAll
    static void findChromium() throws IOException {
        Path binary = Chromium.locate().orElse(null);
        if (binary == null) {
            String message = "Chromium not found (install Debian's 'chromium' package, or set -Dpoolse.chromium=PATH)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI=true, so the docs browser test must not be skipped");
            }
            // Printed too, because a class aborted in @BeforeAll shows as "Tests run: 0" only.
            System.err.println("[SiteInBrowserIT] SKIPPED: " + message + "; set CI=true to make this a failure");
            abort(message + "; skipping the docs browser test outside CI");
        }
        chromium = new Chromium(binary, Files.createDirectories(work.resolve("profile")), PAGE_TIMEOUT);
    }

    static Path site() {
        return Path.of(System.getProperty("poolse.site.dir", "target/site")).toAbsolutePath().normalize();
    }

    /** Our pages, plus the Javadoc's overview and package pages. */
    static List<Path> pagesToOpen() {
        Path api = site().resolve(SiteGenerator.API_DIR);
        return new SiteChecks(site()).pages().stream()
                .filter(p -> !p.startsWith(api) || p.equals(api.resolve("index.html"))
                        || p.getFileName().toString().equals("package-summary.html"))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> eachPageRendersWithItsTitleAndNoConsoleErrors() {
        List<Path> pages = pagesToOpen();
        assertThat(pages).as("generated pages under " + site()).hasSizeGreaterThanOrEqualTo(10);
        Path api = site().resolve(SiteGenerator.API_DIR);
        return pages.stream().map(page -> DynamicTest.dynamicTest(site().relativize(page).toString(), () -> {
            Document source = Jsoup.parse(page.toFile(), "UTF-8");
            Chromium.Result result = chromium.load(page);

            assertThat(result.exitCode()).as("chromium exit code; log:%n%s", result.stderr()).isZero();
            assertThat(result.consoleMessages()).as("console output of %s", page).isEmpty();
            Document dom = Jsoup.parse(result.dom());
            assertThat(source.title()).as("title in the source").isNotBlank();
            assertThat(dom.title()).as("title after rendering").isEqualTo(source.title());
            boolean javadoc = page.startsWith(api) && !source.html().contains("data-placeholder=\"javadoc\"");
            if (!javadoc) {
                assertThat(dom.selectFirst("html").attr("data-ready")).as("site script ran to its end").isEqualTo("true");
                assertThat(dom.select("main#content h1")).as("page heading").isNotEmpty();
            }
        }));
    }

    @Test
    void aPageWithAnUncaughtErrorIsCaught() throws Exception {
        // Proves the console check above can fail: the same browser run on a broken page.
        Path broken = work.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><head><title>broken</title></head><body>"
                + "<script>window.notDefinedAnywhere();</script></body></html>");

        Chromium.Result result = chromium.load(broken);

        assertThat(result.consoleMessages()).anySatisfy(m -> assertThat(m).contains("Uncaught TypeError"));
    }

    /**
     * A linked anchor scrolls to just below the sticky header, not under it: on a copy of the
     * references with a probe script, each target is scrolled into view as the browser does for a
     * {@code #fragment} (honouring {@code scroll-margin-top}), then its top is compared with the
     * header's bottom.
     */
    @Test
    void aLinkedAnchorIsNotHiddenUnderTheStickyHeader() throws Exception {
        Path copy = Files.createDirectories(work.resolve("anchors"));
        try (Stream<Path> assets = Files.walk(site().resolve("assets"))) {
            for (Path a : assets.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(site().relativize(a).toString());
                Files.createDirectories(target.getParent());
                Files.copy(a, target);
            }
        }
        String probe = """
                <script>
                (function () {
                  var header = document.querySelector('.site-header');
                  var out = [];
                  document.documentElement.getAttribute('data-probe-ids').split(' ').forEach(function (id) {
                    var el = document.getElementById(id);
                    el.scrollIntoView();
                    out.push(id + '=' + Math.round(el.getBoundingClientRect().top) + '/'
                        + Math.round(header.getBoundingClientRect().bottom));
                  });
                  document.documentElement.setAttribute('data-probe', out.join(' '));
                })();
                </script>
                """;
        for (String[] pageAndIds : new String[][] {
                {"rest.html", "op-sendMessage schema-Message"},
                {"realtime.html", "ev-conversation-messageNew"}}) {
            String html = Files.readString(site().resolve(pageAndIds[0]));
            html = html.replaceFirst("<html", "<html data-probe-ids=\"" + pageAndIds[1] + "\"")
                    .replace("</body>", probe + "</body>");
            Path page = copy.resolve(pageAndIds[0]);
            Files.writeString(page, html);

            Chromium.Result result = chromium.load(page);

            String measured = Jsoup.parse(result.dom()).selectFirst("html").attr("data-probe");
            assertThat(measured).as("probe ran on %s; log:%n%s", page, result.stderr()).isNotEmpty();
            for (String m : measured.split(" ")) {
                String[] topAndHeader = m.substring(m.indexOf('=') + 1).split("/");
                int top = Integer.parseInt(topAndHeader[0]);
                int headerBottom = Integer.parseInt(topAndHeader[1]);
                assertThat(headerBottom).as("sticky header height").isPositive();
                assertThat(top).as("%s: top of the target vs bottom of the header (%s)", pageAndIds[0], m)
                        .isGreaterThanOrEqualTo(headerBottom);
            }
        }
    }
}
