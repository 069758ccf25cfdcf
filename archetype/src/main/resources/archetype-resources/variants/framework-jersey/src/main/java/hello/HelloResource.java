package ${package}.hello;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /hello?name=X} and {@code POST /hello {"name":"X"}}. */
@Path("/hello")
@Produces(MediaType.APPLICATION_JSON)
public class HelloResource {

    @GET
    public Greeting greet(@QueryParam("name") @DefaultValue(Greeting.DEFAULT_NAME) String name) {
        return Greeting.of(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Greeting greet(@NotNull @Valid HelloRequest request) {
        return Greeting.of(request.name());
    }
}
