package io.exomarket.testkit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier: Against a real etcd + kube-apiserver (schemas, admission, RBAC, Pod Security). Run
 * this tier alone with {@code ./test.sh --tier apiserver}; untagged tests are unit tests ({@code
 * --tier unit}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Tiers.APISERVER)
public @interface ApiServerTier {}
