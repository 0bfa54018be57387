package io.exomarket.testkit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier: the operator and the adapter as separate processes, driven only through OSB HTTP and
 * the Kubernetes API. Run this tier alone with {@code ./test.sh --tier e2e}; untagged tests are
 * unit tests ({@code --tier unit}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Tiers.E2E)
public @interface E2eTier {}
