package dev.poolse.devserver.junit;

import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link PoolseDevServer} with {@link DevServerConfig#defaults()}.
 *
 * <pre>{@code
 * @ExtendWith(PoolseDevServerExtension.class)
 * class ChatTest {
 *   static PoolseDevServer server;          // one server for the class, or
 *   @Test void sends(PoolseDevServer s) {}  // a fresh server per test method
 * }
 * }</pre>
 *
 * <p>A static field of type {@link PoolseDevServer} gets one server for the whole class; an
 * instance field or a test-method parameter gets a fresh server per test. Each server is closed
 * after its scope, and a test fails when a response of its server violated the OpenAPI document.
 */
public final class PoolseDevServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(PoolseDevServerExtension.class);
  private static final String KEY = "server";

  /** Used by JUnit through {@code @ExtendWith}. */
  public PoolseDevServerExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    for (Field f : serverFields(testClass)) {
      if (Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        f.set(null, server(context));
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Object instance = context.getRequiredTestInstance();
    for (Field f : serverFields(instance.getClass())) {
      if (!Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        f.set(instance, server(context));
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    checkViolations(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    checkViolations(context);
  }

  private static void checkViolations(ExtensionContext context) {
    Holder h = context.getStore(NS).get(KEY, Holder.class);
    if (h != null) {
      List<String> v = h.server.specViolations();
      if (v.size() > h.reported) {
        List<String> fresh = v.subList(h.reported, v.size());
        h.reported = v.size();
        throw new AssertionError("the dev server answered outside the OpenAPI document:\n  "
            + String.join("\n  ", fresh));
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return pc.getParameter().getType() == PoolseDevServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    if (ec.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("PoolseDevServer parameters are supported on test methods only");
    }
    // A static field's class-level server is shared with parameters of the same class.
    return server(ec);
  }

  private static PoolseDevServer server(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    ExtensionContext c = context;
    while (c != null) {
      Holder h = c.getStore(NS).get(KEY, Holder.class);
      if (h != null) {
        return h.server;
      }
      c = c.getParent().orElse(null);
    }
    return store.getOrComputeIfAbsent(KEY, k -> new Holder(PoolseDevServer.start(DevServerConfig.defaults())),
        Holder.class).server;
  }

  private static List<Field> serverFields(Class<?> type) {
    List<Field> out = new java.util.ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == PoolseDevServer.class) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** Closes the server when JUnit closes the store that holds it. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final PoolseDevServer server;
    int reported;

    Holder(PoolseDevServer server) {
      this.server = server;
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
