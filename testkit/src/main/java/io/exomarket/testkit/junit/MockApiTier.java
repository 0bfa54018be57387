package io.exomarket.testkit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier: the real operator or adapter against the fabric8 mock API server (in this JVM). Run
 * this tier alone with {@code ./test.sh --tier mock-api}; untagged tests are unit tests ({@code
 * --tier unit}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Tiers.MOCK_API)
public @interface MockApiTier {}
