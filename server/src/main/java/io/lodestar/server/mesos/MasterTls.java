package io.lodestar.server.mesos;

import io.lodestar.config.Config;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import reactor.netty.http.client.HttpClient;

/**
 * TLS towards the masters ({@code mesosHTTPSOn}). The master's certificate chain and host name are verified, against
 * {@code caCertFile} or else the JVM's trust store; only {@code mesosHTTPSInsecure} turns verification off (Mesos-DNS
 * verifies nothing without a CA file, QUIRK 10). A client certificate is presented when {@code certFile} is set.
 */
final class MasterTls {
    private MasterTls() {
    }

    /** {@code client} made to speak TLS as the config says, or {@code client} itself when HTTPS is off. */
    static HttpClient apply(HttpClient client, Config config) throws SSLException {
        if (!config.mesosHttpsOn()) {
            return client;
        }
        SslContext context = context(config);
        if (!config.mesosHttpsInsecure()) {
            return client.secure(spec -> spec.sslContext(context));
        }
        return client.secure(spec -> spec.sslContext(context).handlerConfigurator(handler -> {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(null); // no host name check either
            engine.setSSLParameters(parameters);
        }));
    }

    static SslContext context(Config config) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (config.mesosHttpsInsecure()) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (!config.caCertFile().isEmpty()) {
            b.trustManager(new File(config.caCertFile()));
        }
        if (!config.certFile().isEmpty()) {
            b.keyManager(new File(config.certFile()), new File(config.keyFile()));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot use the TLS files: " + e.getMessage(), e);
        }
    }
}
