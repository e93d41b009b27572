package org.fovea.center.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fovea.center.ReturnedReport;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.signature.Canonical;
import org.fovea.reporting.signature.Cms;
import org.fovea.reporting.store.Versions;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What a hospital checks before it shows, prints or files a report the center returned (D5):
 * every signature is valid and was made with a certificate the center's CA issued (the CA the
 * hospital was given when it joined, not one the center sends along), each covers the step it
 * claims, the report is final and of the request's study, and its text, fields, measurements and
 * pictures are exactly what the final signature covers (the signed bytes are rebuilt from the
 * report and compared).
 */
public final class ReportCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportCheck() {
    }

    /** The verdict: valid, or the first problem in one sentence; who signed the final step and when. */
    public record Verdict(boolean valid, String problem, String signedBy, Instant signedAt) {
    }

    public static Verdict check(ReturnedReport returned, Collection<X509Certificate> trusted, String studyUid) {
        Report r = returned.report();
        List<ReturnedReport.Signature> signatures = returned.signatures();
        if (r == null || signatures.isEmpty()) {
            return refused("the report carries no signature", "", null);
        }
        ReturnedReport.Signature last = signatures.get(signatures.size() - 1);
        Cms.Check lastCheck = trusted.isEmpty() ? null : Cms.verify(last.content(), last.cms(), trusted);
        String signedBy = lastCheck == null || lastCheck.signerName().isEmpty() ? last.login()
                : lastCheck.signerName() + " (" + last.login() + ")";
        Instant at = lastCheck == null ? null : lastCheck.signingTime();
        if (trusted.isEmpty()) {
            return refused("no CA is configured to check the center's signatures (\"reportCa\" in remote.json)",
                    signedBy, at);
        }
        if (!r.study().studyUid().equals(studyUid)) {
            return refused("the report is of study " + r.study().studyUid() + ", not of the request's study " + studyUid,
                    signedBy, at);
        }
        if (r.status() != ReportStatus.FINAL) {
            return refused("the report is " + r.status().name().toLowerCase() + ", not final", signedBy, at);
        }
        if (last.version() != r.version()) {
            return refused("the last signature covers version " + last.version() + ", the report is version "
                    + r.version(), signedBy, at);
        }
        for (ReturnedReport.Signature s : signatures) {
            String problem = problem(s, r, trusted);
            if (problem != null) {
                return refused("the signature of " + s.login() + " on version " + s.version() + ": " + problem,
                        signedBy, at);
            }
        }
        byte[] rebuilt = Canonical.of(r.id(), r.study(), Versions.of(r, "", ""), last.action(), last.level(),
                last.login());
        if (!Arrays.equals(rebuilt, last.content())) {
            return refused("the report's text is not the text that was signed", signedBy, at);
        }
        return new Verdict(true, "", signedBy, at);
    }

    private static String problem(ReturnedReport.Signature s, Report r, Collection<X509Certificate> trusted) {
        Cms.Check c = Cms.verify(s.content(), s.cms(), trusted);
        if (!c.valid()) {
            return c.problem();
        }
        if (!c.signerLogin().equals(s.login())) {
            return "made with the certificate of " + c.signerLogin();
        }
        try {
            JsonNode signed = JSON.readTree(s.content());
            List<String> wrong = new ArrayList<>();
            if (!Canonical.FORMAT.equals(signed.path("format").asText())) {
                wrong.add("format");
            }
            if (signed.path("report").asLong() != r.id()) {
                wrong.add("report");
            }
            if (signed.path("version").asInt() != s.version()) {
                wrong.add("version");
            }
            if (!signed.path("study").path("studyUid").asText().equals(r.study().studyUid())) {
                wrong.add("study");
            }
            JsonNode step = signed.path("step");
            if (!step.path("signer").asText().equals(s.login()) || !step.path("action").asText().equals(s.action())
                    || step.path("level").asInt() != s.level()) {
                wrong.add("step");
            }
            return wrong.isEmpty() ? null : "it covers another " + String.join(", ", wrong);
        } catch (IOException e) {
            return "its content is not a signed report version";
        }
    }

    private static Verdict refused(String why, String signedBy, Instant at) {
        return new Verdict(false, why, signedBy, at);
    }
}
