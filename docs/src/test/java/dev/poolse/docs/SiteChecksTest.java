package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteChecksTest {

    @TempDir
    Path site;

    private Path page(String name, String body) throws IOException {
        Path p = site.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>");
        return p;
    }

    @Test
    void remoteScriptIsReported() throws IOException {
        page("index.html", "<script src=\"https://cdn.example.com/x.js\"></script>");

        assertThat(new SiteChecks(site).remoteResources()).singleElement().asString().contains("cdn.example.com");
    }

    @Test
    void protocolRelativeStylesheetIsReported() throws IOException {
        Files.writeString(site.resolve("index.html"),
                "<html><head><link rel=\"stylesheet\" href=\"//fonts.example.com/a.css\"></head><body></body></html>");

        assertThat(new SiteChecks(site).remoteResources()).hasSize(1);
    }

    @Test
    void remoteFontInAStylesheetIsReported() throws IOException {
        page("index.html", "");
        Files.writeString(site.resolve("site.css"), "@font-face { src: url('https://fonts.example.com/f.woff2'); }");

        assertThat(new SiteChecks(site).remoteResources()).singleElement().asString().contains("site.css");
    }

    @Test
    void externalAnchorLinksAreAllowed() throws IOException {
        page("index.html", "<a href=\"https://poolse.dev\">site</a><img src=\"logo.png\">");
        Files.writeString(site.resolve("logo.png"), "png");

        SiteChecks checks = new SiteChecks(site);
        assertThat(checks.remoteResources()).isEmpty();
        assertThat(checks.brokenLinks(site.resolve("index.html"))).isEmpty();
    }

    @Test
    void linkToAMissingFileIsReported() throws IOException {
        Path index = page("index.html", "<a href=\"guides/nope.html\">x</a>");

        assertThat(new SiteChecks(site).brokenLinks(index)).singleElement().asString()
                .contains("missing file guides/nope.html");
    }

    @Test
    void anchorWithoutAMatchingIdIsReported() throws IOException {
        page("rest.html", "<section id=\"op-getMe\"></section>");
        Path index = page("index.html", "<a href=\"rest.html#op-getMe\">ok</a><a href=\"rest.html#op-gone\">bad</a>");

        assertThat(new SiteChecks(site).brokenLinks(index)).singleElement().asString().contains("op-gone");
    }

    @Test
    void sameDocumentAndPercentEncodedAnchorsResolve() throws IOException {
        Path index = page("index.html",
                "<p id=\"show(java.util.UUID)\"></p><a href=\"#show(java.util.UUID)\">a</a>"
                        + "<a href=\"index.html#show%28java.util.UUID%29\">b</a>");

        assertThat(new SiteChecks(site).brokenLinks(index)).isEmpty();
    }

    @Test
    void linkToAFolderResolvesToItsIndexPage() throws IOException {
        page("api/index.html", "");
        Path index = page("index.html", "<a href=\"api/\">api</a>");

        assertThat(new SiteChecks(site).brokenLinks(index)).isEmpty();
    }

    @Test
    void linkLeavingTheSiteIsReported() throws IOException {
        Path index = page("index.html", "<a href=\"../outside.html\">out</a>");

        assertThat(new SiteChecks(site).brokenLinks(index)).singleElement().asString().contains("leaves the site");
    }
}
