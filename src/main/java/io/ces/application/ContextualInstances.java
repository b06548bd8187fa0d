package io.ces.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * The instance itself of an application-scoped bean, for code that calls it for every record or frame: each call
 * through the client proxy that injection gives pushes and pops a thread-local interception stack, 12 to 17 % of
 * the reading thread's CPU in the ingest profile (docs/performance.md). Holding the instance is safe for an
 * application-scoped bean, which has one instance for the life of the application; it bypasses interceptors, so it
 * is only for beans without any.
 */
public final class ContextualInstances {

    private ContextualInstances() {
    }

    public static <T> T of(BeanManager beans, Class<T> type) {
        @SuppressWarnings("unchecked")
        Bean<T> bean = (Bean<T>) beans.resolve(beans.getBeans(type));
        if (bean == null || bean.getScope() != ApplicationScoped.class) {
            throw new IllegalStateException(type.getName() + " is not one application-scoped bean");
        }
        return type.cast(beans.getContext(ApplicationScoped.class).get(bean, beans.createCreationalContext(bean)));
    }
}
