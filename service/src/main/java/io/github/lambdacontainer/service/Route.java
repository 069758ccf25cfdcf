package io.github.lambdacontainer.service;

import java.util.Arrays;
import java.util.Optional;

/** The service's endpoints: the one list the handler dispatches on and /metadata's links name. */
enum Route {
    HOME("/", "home"),
    METADATA("/metadata", "metadata"),
    STARTER_ZIP("/starter.zip", "starterZip"),
    STARTER_TGZ("/starter.tgz", "starterTgz"),
    PREVIEW("/preview", "preview"),
    DIFF("/diff", "diff"),
    OPENAPI("/openapi.json", "openapi"),
    PAGE_ASSET("/page/", "page");

    /** In /diff, parameters with this prefix describe the base; the others the target. */
    static final String DIFF_BASE_PREFIX = "base.";

    final String path;
    final String linkName;

    Route(String path, String linkName) {
        this.path = path;
        this.linkName = linkName;
    }

    static Optional<Route> of(String path) {
        return Arrays.stream(values())
                .filter(route -> route.path.endsWith("/") && route != HOME ? path.startsWith(route.path) : path.equals(route.path))
                .findFirst();
    }
}
