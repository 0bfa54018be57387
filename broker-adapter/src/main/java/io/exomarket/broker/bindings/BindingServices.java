package io.exomarket.broker.bindings;

import io.exomarket.api.v1alpha1.ManagedServiceBinding;
import io.exomarket.broker.instances.InstanceRepository;
import io.exomarket.broker.instances.Offerings;
import io.exomarket.broker.instances.ResourceWaiter;
import java.time.Duration;

/** What the binding operations share: the caches, the writers and the wait settings. */
public record BindingServices(
    BindingRepository bindings,
    InstanceRepository instances,
    Offerings offerings,
    ResourceWaiter<ManagedServiceBinding> waiter,
    Duration syncTimeout,
    Duration asyncGrace,
    int retryAfterSeconds) {}
