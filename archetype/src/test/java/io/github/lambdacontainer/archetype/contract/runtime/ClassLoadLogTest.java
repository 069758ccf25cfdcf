package io.github.lambdacontainer.archetype.contract.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLoadLogTest {

    private static final String CLIENT = "com.amazonaws.services.lambda.runtime.api.client.";

    /** Lines as -Xlog:class+load=info writes them on JDK 21 (dynamic CDS) and 25 (AOT cache). */
    private static final ClassLoadLog LOG = ClassLoadLog.parse(List.of(
            "[0.010s][info][class,load] java.lang.Object source: shared objects file",
            "[0.020s][info][class,load] java.net.ServerSocket source: jrt:/java.base",
            "[0.100s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: shared objects file (top)",
            "[0.110s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient source: "
                    + "file:/var/task/lib/aws-lambda-java-runtime-interface-client-2.9.0.jar",
            "[0.120s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.logging.JsonLogFormatter source: "
                    + "jar:file:/var/task/lib/aws-lambda-java-runtime-interface-client-2.9.0.jar!/",
            "[0.130s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.AWSLambda$$Lambda/0x0000012 source: "
                    + "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "[0.140s][info][class,load] com.example.LambdaHandler source: AOT cache",
            "[0.150s][info][class,load] com.example.Api source: file:/var/task/lib/app.jar",
            "[0.160s][info][class,load] com.example.Api source: shared objects file"));

    @Test
    void tellsArchiveJarAndGeneratedSourcesApart() {
        assertTrue(ClassLoadLog.isArchive(LOG.sourceOf("java.lang.Object").orElseThrow()));
        assertTrue(ClassLoadLog.isArchive(LOG.sourceOf(CLIENT + "AWSLambda").orElseThrow()));
        assertTrue(ClassLoadLog.isArchive(LOG.sourceOf("com.example.LambdaHandler").orElseThrow()));
        assertFalse(ClassLoadLog.isJar("jrt:/java.base"));
        assertFalse(ClassLoadLog.isJar(CLIENT + "AWSLambda"), "a lambda's source is the class that made it");
        assertTrue(ClassLoadLog.isJar("file:/var/task/lib/app.jar"));
    }

    @Test
    void namesTheClassesOfAPackageReadFromJars() {
        assertEquals(List.of(CLIENT + "logging.JsonLogFormatter", CLIENT + "runtimeapi.NativeClient"), LOG.fromJars(CLIENT));
        assertEquals(4, LOG.loaded(CLIENT), "the lambda counts as loaded, but not as read from a jar");
        assertEquals(List.of("com.example.Api"), LOG.fromJars("com.example."), "a class's first load is the one that counts");
    }

    @Test
    void countsEachClassOnce() {
        assertEquals(8, LOG.classesLoaded());
        assertEquals(3, LOG.classesFromArchive());
        assertEquals(3, LOG.classesFromJars());
    }
}
