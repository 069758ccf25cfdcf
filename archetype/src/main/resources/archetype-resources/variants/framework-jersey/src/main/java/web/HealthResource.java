package ${package}.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.hk2.api.IterableProvider;

/** {@code GET /}: the {@link Health} of every {@link HealthCheck} the application binds. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final List<HealthCheck> checks = new ArrayList<>();

    @Inject
    public HealthResource(IterableProvider<HealthCheck> checks) {
        checks.forEach(this.checks::add);
    }

    @GET
    public Response health() {
        Health health = Health.of(checks);
        return Response.status(health.httpStatus()).entity(health).build();
    }
}
