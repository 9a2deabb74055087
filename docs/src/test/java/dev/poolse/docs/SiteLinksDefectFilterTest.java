package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiteLinksDefectFilterTest {

    @Test
    void onlyTheConstantValuesPackageGroupAnchorIsTolerated() {
        assertThat(SiteLinksIT.isKnownJavadocDefect(
                "api/constant-values.html: <a> #dev.poolse -> no element with id 'dev.poolse' in api/constant-values.html"))
                .isTrue();
        assertThat(SiteLinksIT.isKnownJavadocDefect(
                "api/constant-values.html: <a> #dev.poolse.sdk.Poolse.VERSION -> no element with id 'x' in api/constant-values.html"))
                .isFalse();
        assertThat(SiteLinksIT.isKnownJavadocDefect(
                "api/index.html: <a> #dev.poolse -> no element with id 'dev.poolse' in api/index.html"))
                .isFalse();
    }
}
