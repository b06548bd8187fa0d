package io.ces.interfaces.dev;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.ces.interfaces.rest.ProblemExceptionMapper;

/** The demo's own small REST application at /dev. */
@ApplicationPath("/dev")
public class DevApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(DevTokenResource.class, ProblemExceptionMapper.class);
    }
}
