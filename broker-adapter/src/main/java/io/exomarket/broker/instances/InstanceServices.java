package io.exomarket.broker.instances;

import io.exomarket.api.v1alpha1.ManagedServiceInstance;
import io.exomarket.broker.osb.ParameterSchemaValidator;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the OSB operations share: the caches, the writers and the wait settings. {@code
 * beforeDeletion} runs before an instance is marked for deletion (the bindings remove theirs: a
 * platform that deprovisions without unbinding first gets the instance's bindings removed with it).
 */
public record InstanceServices(
    InstanceRepository repository,
    Offerings offerings,
    TenantNamespaces namespaces,
    ResourceWaiter<ManagedServiceInstance> waiter,
    ParameterSchemaValidator validator,
    Duration syncTimeout,
    Duration asyncGrace,
    int retryAfterSeconds,
    Consumer<ManagedServiceInstance> beforeDeletion) {}
