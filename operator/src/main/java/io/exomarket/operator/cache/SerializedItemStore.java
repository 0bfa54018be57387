package io.exomarket.operator.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;

/**
 * An informer cache that holds each object as its JSON, deflated, instead of an object graph. The
 * caches that grow with the fleet (instances and their composed objects) dominate the operator's
 * heap, and a parsed object costs several times its JSON (a map, an entry and a string per field):
 * with 10,000 instances the parsed caches alone outgrew a 512 MiB heap ({@code bench/run.sh
 * fleet}). Every read parses a fresh copy, so no reader can change the cache by accident; reads are
 * per reconcile and per watch event (the previous state of an updated object), never scans of the
 * whole fleet on the hot path. {@code managedFields} and whatever the trimmer drops are not stored.
 */
public final class SerializedItemStore<T extends HasMetadata> implements ItemStore<T> {
  /**
   * The page size of these informers' lists. An unpaged list of 10,000 objects arrives as one
   * response, parsed whole with its managedFields before any is stored: it alone outgrew a 512 MiB
   * heap when the operator restarted with 10,000 instances. 500 is kubectl's page size.
   */
  public static final long LIST_PAGE = 500;

  private static final ObjectMapper JSON = mapper();

  private final ConcurrentHashMap<String, byte[]> items = new ConcurrentHashMap<>();
  private final Class<T> type;
  private final UnaryOperator<T> trimmer;
  private final Consumer<T> afterStoring;

  public SerializedItemStore(Class<T> type, UnaryOperator<T> trimmer) {
    this(type, trimmer, stored -> {});
  }

  private SerializedItemStore(Class<T> type, UnaryOperator<T> trimmer, Consumer<T> afterStoring) {
    this.type = type;
    this.trimmer = trimmer;
    this.afterStoring = afterStoring;
  }

  /** Drops managedFields only. */
  public static <T extends HasMetadata> SerializedItemStore<T> of(Class<T> type) {
    return new SerializedItemStore<>(type, UnaryOperator.identity());
  }

  /**
   * For the objects of the instances' graphs. Once stored, the object the informer received keeps
   * only apiVersion, kind and metadata: the informer hands that same object to its event handlers
   * through a queue, and when the operator starts with 10,000 instances the initial lists queue
   * every object at once (parsed whole, it ended the restart in an OutOfMemoryError at 512 MiB).
   * The handlers read metadata only (labels map an object to its instance); readers get the whole
   * object from the store.
   */
  public static SerializedItemStore<GenericKubernetesResource> ofComposedObjects() {
    return new SerializedItemStore<>(
        GenericKubernetesResource.class,
        UnaryOperator.identity(),
        stored -> stored.getAdditionalProperties().clear());
  }

  /** Jackson as fabric8 configures it for its model (the modules its serialization registers). */
  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    new KubernetesSerialization(mapper, true);
    return mapper;
  }

  @Override
  public String getKey(T object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  @Override
  public T put(String key, T object) {
    object.getMetadata().setManagedFields(null);
    byte[] previous = items.put(key, write(trimmer.apply(object)));
    afterStoring.accept(object);
    return read(previous);
  }

  @Override
  public T remove(String key) {
    return read(items.remove(key));
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream().map(this::read);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return read(items.get(key));
  }

  private byte[] write(T object) {
    try {
      return Deflated.of(JSON.writeValueAsBytes(object));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache " + getKey(object), e);
    }
  }

  private T read(byte[] stored) {
    if (stored == null) {
      return null;
    }
    try {
      return JSON.readValue(Deflated.inflate(stored), type);
    } catch (IOException | DataFormatException e) {
      throw new UncheckedIOException(
          "cannot read a cached " + type.getSimpleName(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }
}
