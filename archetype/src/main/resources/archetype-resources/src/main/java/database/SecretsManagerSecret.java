package ${package}.database;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The database's secret in AWS Secrets Manager, read with the AWS SDK's client over the JDK's own
 * HTTP connection (no Netty, no Apache client). The only class that touches the SDK: made at the
 * first fetch ({@link SecretsManagerCredentials}), never at start. The SDK finds the function's
 * credentials where Lambda puts them (AWS_ACCESS_KEY_ID, ...), and its endpoint in
 * AWS_ENDPOINT_URL_SECRETS_MANAGER where that is set (a VPC endpoint's own name, a local stand-in).
 */
final class SecretsManagerSecret implements SecretsManagerCredentials.SecretSource {

    private final String secretArn;
    private final SecretsManagerClient client;

    SecretsManagerSecret(String secretArn, DatabaseTimeouts timeouts) {
        this.secretArn = secretArn;
        // Within the request's deadline: the pool's wait for a connection includes this fetch.
        Duration bound = timeouts.connection();
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(bound).socketTimeout(bound))
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(bound));
        String region = regionOf(secretArn);
        if (region != null) {
            // The secret's own region (arn:aws:secretsmanager:REGION:...), else AWS_REGION's.
            builder.region(Region.of(region));
        }
        this.client = builder.build();
    }

    @Override
    public DatabaseLogin fetch() throws SQLException {
        String secret;
        try {
            secret = client.getSecretValue(request -> request.secretId(secretArn)).secretString();
        } catch (SdkException e) {
            // The SDK's message says what failed (denied, not found, unreachable); it never holds the value.
            throw new SQLException("Could not read the database secret " + secretArn + " from Secrets Manager: "
                    + e.getMessage(), "08001", e);
        }
        return loginIn(secret);
    }

    /** The "username" and "password" of a secret string such as the one RDS manages for a database. */
    static DatabaseLogin loginIn(String secret) throws SQLException {
        try {
            Map<String, JsonNode> fields = JsonNode.parser().parse(secret).asObject();
            return new DatabaseLogin(text(fields, "username"), text(fields, "password"));
        } catch (RuntimeException e) {
            // Without e: a parser's message quotes what it read, and that is the secret.
            throw new SQLException("The database secret is no JSON object with the texts \"username\" and \"password\"",
                    "08001");
        }
    }

    private static String text(Map<String, JsonNode> fields, String name) {
        JsonNode field = fields.get(name);
        if (field == null || !field.isString()) {
            throw new IllegalArgumentException(name);
        }
        return field.asString();
    }

    /** The region an ARN names, or null for a secret named otherwise. */
    static String regionOf(String secretArn) {
        String[] parts = secretArn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[3].isBlank() ? parts[3] : null;
    }
}
