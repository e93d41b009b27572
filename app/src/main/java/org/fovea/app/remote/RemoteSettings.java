package org.fovea.app.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.client.CenterClient;
import org.fovea.center.server.Tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A hospital workstation's link to the remote diagnosis center, from
 * {@code FOVEA_HOME/settings/remote.json}: the center's address, the certificate it is trusted
 * by, the CA its report signatures are checked against, and the doctor's account. Relative file
 * names are resolved against the settings folder. The command line may override each.
 *
 * <pre>{"center": "https://center:8443", "trustCertificate": "center.pem", "reportCa": "report-ca.pem",
 *  "login": "doctor.a"}</pre>
 *
 * An expert's workstation also names the center's image store for query/retrieve,
 * {@code "centerDicom": "CENTER@center:4242"}, from which it retrieves a request's images.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteSettings(String center, String trustCertificate, String reportCa, String login,
                             String centerDicom) {

    /** The settings of a workstation's home; all null when it has none. */
    public static RemoteSettings load(Path home) {
        Path f = file(home);
        if (!Files.exists(f)) {
            return new RemoteSettings(null, null, null, null, null);
        }
        try {
            return new ObjectMapper().readValue(f.toFile(), RemoteSettings.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static Path file(Path home) {
        return home.resolve("settings").resolve("remote.json");
    }

    /** These settings with each non-null argument in place of the saved value. */
    public RemoteSettings with(String url, Path trust, Path ca, String account) {
        return new RemoteSettings(url != null ? url : center, trust != null ? trust.toString() : trustCertificate,
                ca != null ? ca.toString() : reportCa, account != null ? account : login, centerDicom);
    }

    /** Whether they say where the center is, what to trust and who logs in. */
    public boolean complete() {
        return center != null && trustCertificate != null && login != null;
    }

    /**
     * A client of the center that logs in as {@link #login} with {@code password} when it first
     * needs to.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public CenterClient client(Path home, char[] password) {
        if (!complete()) {
            throw new IllegalArgumentException("Say which center, which certificate to trust and which account: "
                    + "--center URL --trust PEM --as LOGIN, or \"center\", \"trustCertificate\" and \"login\" in "
                    + file(home));
        }
        URI url = URI.create(center);
        if (!"https".equals(url.getScheme())) {
            throw new IllegalArgumentException(center + ": the center is reached over HTTPS only (https://…)");
        }
        try {
            return new CenterClient(url, Tls.trusting(home.resolve("settings").resolve(trustCertificate)), workstation())
                    .withCredentials(login, password);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The CA returned reports are checked against; empty when none is configured (reports are
     * then kept but neither verified nor filed).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public List<X509Certificate> reportCas(Path home) {
        if (reportCa == null) {
            return List.of();
        }
        Path f = home.resolve("settings").resolve(reportCa);
        try (InputStream in = Files.newInputStream(f)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(f + " holds no certificate (PEM) of the center's report CA");
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("The center's report CA " + f + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** This machine's name, as the center's trace shows it. */
    public static String workstation() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "workstation";
        }
    }
}
