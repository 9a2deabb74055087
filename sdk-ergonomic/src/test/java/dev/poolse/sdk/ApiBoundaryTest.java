package dev.poolse.sdk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import org.junit.jupiter.api.Test;

/**
 * The generated Feign interfaces and {@code ApiClient} are an implementation detail: no public or
 * protected signature of {@code dev.poolse.sdk} may mention them, so they can change without
 * breaking users. Generated models are the public wire types and are allowed.
 */
class ApiBoundaryTest {
    private static final JavaClasses SDK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.poolse.sdk");

    private static final DescribedPredicate<JavaClass> GENERATED_PLUMBING = new DescribedPredicate<>(
            "a generated Feign interface or ApiClient") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().equals("dev.poolse.client.api")
                    || c.getName().startsWith("dev.poolse.client.ApiClient")
                    || c.getPackageName().startsWith("feign");
        }
    };

    private static final ArchCondition<JavaCodeUnit> MENTION_GENERATED_PLUMBING =
            new ArchCondition<>("mention generated Feign plumbing in their signature") {
                @Override
                public void check(JavaCodeUnit unit, ConditionEvents events) {
                    boolean bad = GENERATED_PLUMBING.test(unit.getRawReturnType())
                            || unit.getRawParameterTypes().stream().anyMatch(GENERATED_PLUMBING)
                            || unit.getReturnType().getAllInvolvedRawTypes().stream().anyMatch(GENERATED_PLUMBING)
                            || unit.getParameterTypes().stream()
                                    .anyMatch(t -> t.getAllInvolvedRawTypes().stream().anyMatch(GENERATED_PLUMBING));
                    if (bad) {
                        events.add(SimpleConditionEvent.satisfied(unit, unit.getFullName() + " exposes generated plumbing"));
                    }
                }
            };

    @Test
    void publicSignaturesNeverMentionFeignInterfaces() {
        noCodeUnits().that().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.poolse.sdk.internal..")
                .and().arePublic().or().areProtected()
                .should(MENTION_GENERATED_PLUMBING)
                .check(SDK);
    }

    @Test
    void publicFieldsNeverHoldFeignTypes() {
        noFields().that().arePublic().should().haveRawType(GENERATED_PLUMBING).check(SDK);
    }

    @Test
    void publicTypesDoNotExtendGeneratedPlumbing() {
        noClasses().that().arePublic().and().resideOutsideOfPackage("dev.poolse.sdk.internal..")
                .should().beAssignableTo(GENERATED_PLUMBING).check(SDK);
    }

    @Test
    void onlyTheRestLayerTalksToFeign() {
        noClasses().that().resideInAPackage("dev.poolse.sdk.realtime..")
                .should().dependOnClassesThat(GENERATED_PLUMBING).check(SDK);
    }

    @Test
    void signatureConditionDetectsExposure() {
        // The internal request describer does take a generated type: the condition must catch it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noCodeUnits().that()
                .areDeclaredIn(dev.poolse.sdk.internal.http.FeignRequests.class).and().arePublic()
                .should(MENTION_GENERATED_PLUMBING).check(SDK)).isInstanceOf(AssertionError.class);
    }
}
