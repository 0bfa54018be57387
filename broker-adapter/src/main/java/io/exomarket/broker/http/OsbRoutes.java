package io.exomarket.broker.http;

import io.exomarket.broker.bindings.Binder;
import io.exomarket.broker.bindings.BindingQueries;
import io.exomarket.broker.bindings.Unbinder;
import io.exomarket.broker.instances.Deprovisioner;
import io.exomarket.broker.instances.InstanceQueries;
import io.exomarket.broker.instances.Offerings;
import io.exomarket.broker.instances.Outcome;
import io.exomarket.broker.instances.Provisioner;
import io.exomarket.broker.instances.Updater;
import io.exomarket.broker.osb.BindRequest;
import io.exomarket.broker.osb.CatalogView;
import io.exomarket.broker.osb.InstanceIds;
import io.exomarket.broker.osb.OriginatingIdentity;
import io.exomarket.broker.osb.OsbError;
import io.exomarket.broker.osb.ProvisionRequest;
import io.exomarket.broker.osb.RequestMeta;
import io.exomarket.broker.osb.UpdateRequest;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The OSB endpoints: parse and validate the request (400 before anything else happens), call the
 * operation, write its answer. A synchronous wait is a future: the Jetty thread is released and the
 * answer is written by the executor when the informer event (or the timeout) completes it.
 */
final class OsbRoutes {
  static final String CATALOG = "/v2/catalog";
  static final String INSTANCE = "/v2/service_instances/{instance_id}";
  static final String LAST_OPERATION = "/v2/service_instances/{instance_id}/last_operation";
  static final String BINDING = INSTANCE + "/service_bindings/{binding_id}";
  static final String BINDING_LAST_OPERATION = BINDING + "/last_operation";

  private final Offerings offerings;
  private final Provisioner provisioner;
  private final Updater updater;
  private final Deprovisioner deprovisioner;
  private final InstanceQueries queries;
  private final Binder binder;
  private final Unbinder unbinder;
  private final BindingQueries bindingQueries;
  private final RequestBodies bodies;
  private final Executor resume;

  OsbRoutes(
      Offerings offerings,
      Provisioner provisioner,
      Updater updater,
      Deprovisioner deprovisioner,
      InstanceQueries queries,
      Binder binder,
      Unbinder unbinder,
      BindingQueries bindingQueries,
      RequestBodies bodies,
      Executor resume) {
    this.offerings = offerings;
    this.provisioner = provisioner;
    this.updater = updater;
    this.deprovisioner = deprovisioner;
    this.queries = queries;
    this.binder = binder;
    this.unbinder = unbinder;
    this.bindingQueries = bindingQueries;
    this.bodies = bodies;
    this.resume = resume;
  }

  void catalog(Context ctx) {
    Replies.endpoint(ctx, Endpoint.CATALOG);
    Replies.write(ctx, Reply.of(200, CatalogView.render(offerings.all())));
  }

  void provision(Context ctx) {
    Replies.endpoint(ctx, Endpoint.PROVISION);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    boolean async = acceptsIncomplete(ctx);
    RequestMeta meta = meta(ctx);
    ProvisionRequest req = ProvisionRequest.parse(bodies.json(ctx), meta.identity());
    respond(ctx, Endpoint.PROVISION, provisioner.provision(id, req, meta, async));
  }

  void update(Context ctx) {
    Replies.endpoint(ctx, Endpoint.UPDATE);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    boolean async = acceptsIncomplete(ctx);
    RequestMeta meta = meta(ctx);
    UpdateRequest req = UpdateRequest.parse(bodies.json(ctx), meta.identity());
    respond(ctx, Endpoint.UPDATE, updater.update(id, req, meta, async));
  }

  void deprovision(Context ctx) {
    Replies.endpoint(ctx, Endpoint.DEPROVISION);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    boolean async = acceptsIncomplete(ctx);
    String serviceId = requiredQuery(ctx, "service_id");
    String planId = requiredQuery(ctx, "plan_id");
    respond(
        ctx,
        Endpoint.DEPROVISION,
        deprovisioner.deprovision(id, serviceId, planId, meta(ctx), async));
  }

  void lastOperation(Context ctx) {
    Replies.endpoint(ctx, Endpoint.LAST_OPERATION);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    Outcome outcome =
        queries.lastOperation(
            id, optionalQuery(ctx, "service_id"), optionalQuery(ctx, "operation"));
    Replies.write(ctx, StatusCodes.of(Endpoint.LAST_OPERATION, outcome));
  }

  void fetch(Context ctx) {
    Replies.endpoint(ctx, Endpoint.FETCH);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    Replies.write(
        ctx, StatusCodes.of(Endpoint.FETCH, queries.fetch(id, optionalQuery(ctx, "service_id"))));
  }

  void bind(Context ctx) {
    Replies.endpoint(ctx, Endpoint.BIND);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    String bindingId = InstanceIds.check(ctx.pathParam("binding_id"), "binding id");
    boolean async = acceptsIncomplete(ctx);
    RequestMeta meta = meta(ctx);
    BindRequest req = BindRequest.parse(bodies.json(ctx), meta.identity());
    respond(ctx, Endpoint.BIND, binder.bind(id, bindingId, req, meta, async));
  }

  void unbind(Context ctx) {
    Replies.endpoint(ctx, Endpoint.UNBIND);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    String bindingId = InstanceIds.check(ctx.pathParam("binding_id"), "binding id");
    boolean async = acceptsIncomplete(ctx);
    String serviceId = requiredQuery(ctx, "service_id");
    String planId = requiredQuery(ctx, "plan_id");
    meta(ctx); // a malformed originating identity is a 400 here too
    respond(ctx, Endpoint.UNBIND, unbinder.unbind(id, bindingId, serviceId, planId, async));
  }

  void fetchBinding(Context ctx) {
    Replies.endpoint(ctx, Endpoint.BINDING_FETCH);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    String bindingId = InstanceIds.check(ctx.pathParam("binding_id"), "binding id");
    Replies.write(
        ctx,
        StatusCodes.of(
            Endpoint.BINDING_FETCH,
            bindingQueries.fetch(id, bindingId, optionalQuery(ctx, "service_id"))));
  }

  void bindingLastOperation(Context ctx) {
    Replies.endpoint(ctx, Endpoint.BINDING_LAST_OPERATION);
    String id = InstanceIds.check(ctx.pathParam("instance_id"));
    String bindingId = InstanceIds.check(ctx.pathParam("binding_id"), "binding id");
    Replies.write(
        ctx,
        StatusCodes.of(
            Endpoint.BINDING_LAST_OPERATION,
            bindingQueries.lastOperation(id, bindingId, optionalQuery(ctx, "operation"))));
  }

  /**
   * A completed answer is written at once; a pending one releases the thread until it completes.
   */
  private void respond(Context ctx, Endpoint endpoint, CompletableFuture<Outcome> outcome) {
    if (outcome.isDone()) {
      try {
        Replies.write(ctx, StatusCodes.of(endpoint, outcome.join()));
        return;
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) throw re;
        throw e;
      }
    }
    ctx.future(
        () ->
            outcome.thenAcceptAsync(o -> Replies.write(ctx, StatusCodes.of(endpoint, o)), resume));
  }

  private static boolean acceptsIncomplete(Context ctx) {
    String value = ctx.queryParam("accepts_incomplete");
    if (value == null || value.equals("false")) return false;
    if (value.equals("true")) return true;
    throw OsbError.badRequest("accepts_incomplete must be true or false");
  }

  private static String requiredQuery(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw OsbError.badRequest("query parameter " + name + " is required");
    }
    return value;
  }

  private static String optionalQuery(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static RequestMeta meta(Context ctx) {
    return new RequestMeta(
        ctx.header(RequestMeta.REQUEST_ID_HEADER),
        OriginatingIdentity.parse(ctx.header(OriginatingIdentity.HEADER)));
  }
}
