package io.exomarket.broker.instances;

import io.exomarket.broker.osb.ParameterSchemaValidator;
import java.time.Duration;

/** What the OSB operations share: the caches, the writers and the wait settings. */
public record InstanceServices(
    InstanceRepository repository,
    Offerings offerings,
    TenantNamespaces namespaces,
    InstanceWaiter waiter,
    ParameterSchemaValidator validator,
    Duration syncTimeout,
    int retryAfterSeconds) {}
