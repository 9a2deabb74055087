package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home page's realtime counts agree with the realtime reference: for each channel, the events,
 * client pushes and protocol frames it claims add up to the messages the reference lists for that
 * channel, the protocol frames to those it lists as such, and no channel claims "0 events".
 */
class HomePageCountsTest {

    private static final Pattern PART = Pattern.compile("(\\d+) (events?|client push(?:es)?|protocol frames?)");

    @TempDir
    Path out;

    @Test
    void eachChannelsCountsMatchTheRealtimeReference() throws IOException {
        SiteGenerator.generate(Path.of("..", "spec"), Path.of("..", "codegen-templates", "docs"), Path.of("src", "guides"), out);
        Document home = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
        Document realtime = Jsoup.parse(out.resolve("realtime.html").toFile(), "UTF-8");

        var channels = home.select("li:has(a[href^=realtime.html#ch-])");
        assertThat(channels).hasSizeGreaterThanOrEqualTo(3);
        for (Element li : channels) {
            String anchor = li.selectFirst("a").attr("href").substring("realtime.html#".length());
            String label = li.selectFirst(".muted").text();
            int total = 0;
            int frames = 0;
            Matcher m = PART.matcher(label);
            while (m.find()) {
                int n = Integer.parseInt(m.group(1));
                assertThat(n).as(anchor + ": " + label).isPositive();
                total += n;
                if (m.group(2).startsWith("protocol")) {
                    frames = n;
                }
            }
            Element list = realtime.selectFirst("nav.sidebar h2:has(a[href=#" + anchor + "]) + ul");
            assertThat(list).as("sidebar list of " + anchor).isNotNull();
            assertThat(total).as(anchor + ": " + label).isEqualTo(list.select("li").size());
            assertThat(frames).as(anchor + ": " + label).isEqualTo(list.select("li.system").size());
        }
        assertThat(home.text())
                .contains("conversation:{conversationId} (10 events, 1 client push, 5 protocol frames)")
                .contains("phoenix (2 protocol frames)");
    }
}
