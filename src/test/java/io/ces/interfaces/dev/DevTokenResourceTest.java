package io.ces.interfaces.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.ces.infrastructure.security.DevTokenIssuer;
import io.ces.interfaces.rest.ProblemException;

/** Outside the demo configuration (ces.dev.enabled=false, the default) the /dev endpoints do not exist. */
class DevTokenResourceTest {

    private final DevTokenResource resource = new DevTokenResource();

    DevTokenResourceTest() {
        // a DevTokenIssuer that was never enabled: no key generated, no tokens minted
        resource.issuer = new DevTokenIssuer();
    }

    @Test
    void tokenAnswers404WhenDemoModeIsOff() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> resource.token("{\"sub\":\"alice\",\"rooms\":[\"cr_*\"]}"));
        assertEquals(404, problem.status());
    }

    @Test
    void jwksAnswers404WhenDemoModeIsOff() {
        assertEquals(404, assertThrows(ProblemException.class, resource::jwks).status());
    }
}
