package dev.poolse.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * The starter's tests run on the Netty and Jackson versions a Spring Boot 3.5.7 application gets
 * (the module overrides the root POM's newer pins), so every other test here proves that the SDK
 * and the dev server work on them.
 */
class BootManagedVersionsTest {

    @Test
    void springBootIsTheSupportedVersion() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo("3.5.7");
    }

    @Test
    void nettyIsTheVersionSpringBoot357Manages() {
        assertThat(Version.identify()).containsKey("netty-common");
        assertThat(Version.identify().get("netty-common").artifactVersion()).isEqualTo("4.1.128.Final");
        assertThat(Version.identify().get("netty-codec-http").artifactVersion()).isEqualTo("4.1.128.Final");
    }

    @Test
    void jacksonIsTheVersionSpringBoot357Manages() {
        assertThat(PackageVersion.VERSION.toString()).isEqualTo("2.19.2");
    }
}
