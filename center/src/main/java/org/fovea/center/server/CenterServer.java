package org.fovea.center.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.fovea.center.NewRequest;
import org.fovea.reporting.ReportingDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The center's HTTPS JSON API (its OpenAPI document: {@code GET /api/openapi.json}). Stateless:
 * everything it knows is in the database, so instances can be added behind a load balancer.
 * Every refusal is a status with {@code {"error": reason}}: 400 for a body or parameter that is
 * wrong (saying which), 401 without valid credentials, 403 for what the account may not see or
 * do, 404 for what does not exist, 413 for a body over the configured limit.
 */
public final class CenterServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CenterServer.class);
    /** The header a workstation names itself in when it logs in (the trace says where a change came from). */
    public static final String WORKSTATION_HEADER = "X-Fovea-Workstation";
    private static final String SESSION = "fovea.session";

    private final Javalin app;
    private final CenterDatabase database;
    private final boolean ownsDatabase;
    private final ObjectMapper json;
    private final List<String> routes = new ArrayList<>();
    private final EventFeed feed;
    /** Null when the configuration names no reporting database (no reports are returned). */
    private final ReportingDatabase reporting;
    private final ReportWatcher watcher;
    private final CriticalRelay criticals;

    private CenterServer(Javalin app, CenterDatabase database, boolean ownsDatabase, ObjectMapper json, EventFeed feed,
                         ReportingDatabase reporting) {
        this.app = app;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.json = json;
        this.feed = feed;
        this.reporting = reporting;
        this.criticals = reporting == null ? null : new CriticalRelay(database.dataSource(), reporting);
        this.watcher = reporting == null ? null : new ReportWatcher(database.dataSource(), reporting, criticals);
    }

    /** Opens the configured database (migrating it) and starts listening. */
    public static CenterServer start(CenterConfig config) {
        CenterDatabase db = CenterDatabase.open(config.jdbcUrl(), config.user(), config.password());
        try {
            return start(config, db, true);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Starts listening on a database opened by the caller, which closes it. */
    public static CenterServer start(CenterConfig config, CenterDatabase db) {
        return start(config, db, false);
    }

    private static CenterServer start(CenterConfig config, CenterDatabase db, boolean owns) {
        ObjectMapper json = org.fovea.center.CenterJson.mapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        Accounts accounts = new Accounts(db.dataSource());
        Requests requests = new Requests(db.dataSource());
        RequestImages images = new RequestImages(db.dataSource(), requests,
                new OrthancStore(config.orthancUrl(), config.orthancUser(), config.orthancPassword()));
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.jsonMapper(new JavalinJackson(json, false));
            c.jetty.addConnector((server, http) -> {
                SslContextFactory.Server tls = new SslContextFactory.Server();
                tls.setKeyStorePath(config.keyStore());
                tls.setKeyStoreType("PKCS12");
                tls.setKeyStorePassword(config.keyStorePassword());
                http.addCustomizer(new SecureRequestCustomizer(false));
                ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
                connector.setHost(config.host());
                connector.setPort(config.port());
                return connector;
            });
        });
        ReportingDatabase reporting = config.reportingJdbcUrl().isEmpty() ? null
                : ReportingDatabase.open(config.reportingJdbcUrl(), config.reportingUser(), config.reportingPassword());
        if (reporting == null) {
            LOG.warn("No reporting database is configured (\"reportingJdbcUrl\"): the center returns no reports");
        }
        CenterServer center = new CenterServer(app, db, owns, json, new EventFeed(db.dataSource(), config), reporting);
        try {
            center.routes(accounts, requests, images, new Assignments(db.dataSource()), config);
            app.start();
            center.feed.start();
            if (center.watcher != null) {
                center.watcher.start();
            }
        } catch (RuntimeException e) {
            center.close();
            throw e;
        }
        return center;
    }

    /** The body of an assignment: the expert's login. */
    record AssignBody(String expert) {
    }

    /** The body of a release, a cancellation, a return or a request for images: why, or which. */
    record ReasonBody(String reason) {
    }

    /** The body of a consultation asked: the expert group and the question. */
    record ConsultBody(String group, String question) {
    }

    /** The body of an opinion. */
    record OpinionBody(String text) {
    }

    /** The body of a critical value's acknowledgement: what the doctor understood. */
    record AcknowledgeBody(String readBack) {
    }

    /** The body of an announcement of more images: the request's new total. */
    record AnnounceBody(Integer images) {
    }

    private void routes(Accounts accounts, Requests requests, RequestImages images, Assignments assignments,
                        CenterConfig config) {
        app.before(ctx -> {
            String length = ctx.header("Content-Length");
            if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > config.maxBodyBytes()) {
                throw new ApiException(413, "the body is " + length + " bytes; the center takes at most "
                        + config.maxBodyBytes());
            }
        });
        app.before("/api/*", ctx -> {
            String path = ctx.path();
            if (path.equals("/api/sessions") || path.equals("/api/openapi.json") || path.equals("/api/health")) {
                return;
            }
            String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
            if (!auth.startsWith("Bearer ")) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"fovea-center\"");
                throw ApiException.unauthorized("log in first (POST /api/sessions) and send the token as "
                        + "\"Authorization: Bearer TOKEN\"");
            }
            Accounts.Session s = accounts.session(auth.substring(7).strip())
                    .orElseThrow(() -> ApiException.unauthorized("the session has ended or was never opened; log in again"));
            ctx.attribute(SESSION, s);
        });

        get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
        get("/api/openapi.json", ctx -> {
            try (InputStream in = CenterServer.class.getResourceAsStream("/org/fovea/center/openapi.json")) {
                ctx.contentType("application/json").result(in.readAllBytes());
            }
        });
        post("/api/sessions", ctx -> {
            if (ctx.header("Authorization") == null || !ctx.header("Authorization").startsWith("Basic ")) {
                ctx.header("WWW-Authenticate", "Basic realm=\"fovea-center\", charset=\"UTF-8\"");
                throw ApiException.unauthorized("send the user's login and password (HTTP Basic) to open a session");
            }
            var credentials = basic(ctx);
            String workstation = Optional.ofNullable(ctx.header(WORKSTATION_HEADER)).orElse(ctx.ip());
            Accounts.Session s = accounts.logIn(credentials[0], credentials[1].toCharArray(),
                            workstation.length() > 200 ? workstation.substring(0, 200) : workstation,
                            Duration.ofHours(config.sessionHours()))
                    .orElseThrow(() -> ApiException.unauthorized("wrong login or password"));
            ctx.status(201).json(Map.of("token", s.token(), "expiresAt", s.expiresAt(), "login", s.account().login(),
                    "name", s.account().name(), "role", s.account().role(), "hospital", s.account().hospitalCode()));
        });
        get("/api/me", ctx -> {
            Account a = session(ctx).account();
            ctx.json(Map.of("login", a.login(), "name", a.name(), "role", a.role(), "hospital", a.hospitalCode(),
                    "group", a.group()));
        });
        post("/api/requests", ctx -> {
            Accounts.Session s = session(ctx);
            Requests.Created created = requests.create(s.account(), s.workstation(), body(ctx, NewRequest.class));
            ctx.status(created.isNew() ? 201 : 200).json(created.request());
        });
        get("/api/requests", ctx -> {
            int limit = intParam(ctx, "limit", 200, 1, 1000);
            ctx.json(requests.list(session(ctx).account(), limit));
        });
        get("/api/requests/{id}", ctx -> ctx.json(requests.get(session(ctx).account(), uuid(ctx))));
        get("/api/requests/{id}/events", ctx -> ctx.json(requests.trace(session(ctx).account(), uuid(ctx))));
        get("/api/requests/{id}/priors", ctx -> ctx.json(requests.priors(session(ctx).account(), uuid(ctx))));
        // STOW-RS into one request: its images, each with "Digest: sha-256=…"
        post("/api/requests/{id}/studies", ctx -> {
            Accounts.Session s = session(ctx);
            UUID id = uuid(ctx);
            List<MultipartRelated.Part> parts = MultipartRelated.parse(ctx.bodyAsBytes(),
                    MultipartRelated.boundary(ctx.header("Content-Type")));
            List<RequestImages.Outcome> outcomes = images.receive(s.account(), s.workstation(), id, parts);
            long stored = outcomes.stream().filter(RequestImages.Outcome::stored).count();
            ctx.status(stored == outcomes.size() ? 200 : stored == 0 ? 409 : 202).contentType("application/dicom+json")
                    .result(json.writeValueAsString(Stow.response(outcomes)));
        });
        get("/api/requests/{id}/images", ctx -> ctx.json(images.held(session(ctx).account(), uuid(ctx))));
        post("/api/requests/{id}/claim", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(assignments.claim(s.account(), s.workstation(), uuid(ctx)));
        });
        post("/api/requests/{id}/release", ctx -> {
            Accounts.Session s = session(ctx);
            String reason = ctx.bodyAsBytes().length == 0 ? "" : body(ctx, ReasonBody.class).reason();
            ctx.json(assignments.release(s.account(), s.workstation(), uuid(ctx), reason));
        });
        post("/api/requests/{id}/assign", ctx -> {
            Accounts.Session s = session(ctx);
            String expert = body(ctx, AssignBody.class).expert();
            if (expert == null || expert.isBlank()) {
                throw ApiException.badRequest("\"expert\" is missing: the login of the expert to assign");
            }
            ctx.json(assignments.assign(s.account(), s.workstation(), uuid(ctx), expert));
        });
        post("/api/requests/{id}/cancel", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(assignments.cancel(s.account(), s.workstation(), uuid(ctx), body(ctx, ReasonBody.class).reason()));
        });

        post("/api/requests/{id}/patient", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(requests.complete(s.account(), s.workstation(), uuid(ctx),
                    body(ctx, org.fovea.center.PatientUpdate.class)));
        });
        post("/api/requests/{id}/local-report", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(requests.localReport(s.account(), s.workstation(), uuid(ctx),
                    body(ctx, org.fovea.center.LocalReport.class)));
        });
        Returns returns = new Returns(database.dataSource());
        post("/api/requests/{id}/return", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(returns.giveBack(s.account(), s.workstation(), uuid(ctx), body(ctx, ReasonBody.class).reason()));
        });
        post("/api/requests/{id}/ask-images", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(returns.askForImages(s.account(), s.workstation(), uuid(ctx), body(ctx, ReasonBody.class).reason()));
        });
        post("/api/requests/{id}/announce", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(returns.announce(s.account(), s.workstation(), uuid(ctx), body(ctx, AnnounceBody.class).images()));
        });
        // X3: research platforms read de-identified reported studies only
        Research research = new Research(database.dataSource(), new OrthancStore(config.orthancUrl(),
                config.orthancUser(), config.orthancPassword()));
        get("/api/research/studies", ctx -> ctx.json(research.studies(session(ctx).account(),
                intParam(ctx, "limit", 200, 1, 1000))));
        get("/api/research/studies/{study}/instances", ctx -> ctx.json(research.instances(session(ctx).account(),
                ctx.pathParam("study"))));
        get("/api/research/studies/{study}/instances/{instance}", ctx -> ctx.contentType("application/dicom")
                .result(research.instance(session(ctx).account(), ctx.pathParam("study"), ctx.pathParam("instance"))));
        Consultations consultations = new Consultations(database.dataSource());
        get("/api/requests/{id}/consultations", ctx -> ctx.json(consultations.of(session(ctx).account(), uuid(ctx))));
        post("/api/requests/{id}/consultations", ctx -> {
            Accounts.Session s = session(ctx);
            ConsultBody b = body(ctx, ConsultBody.class);
            ctx.status(201).json(consultations.ask(s.account(), s.workstation(), uuid(ctx), b.group(), b.question()));
        });
        post("/api/requests/{id}/consultations/{consultation}/opinions", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(consultations.opinion(s.account(), s.workstation(), uuid(ctx), longParam(ctx, "consultation"),
                    body(ctx, OpinionBody.class).text()));
        });
        post("/api/requests/{id}/consultations/{consultation}/close", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(consultations.close(s.account(), s.workstation(), uuid(ctx), longParam(ctx, "consultation")));
        });
        get("/api/requests/{id}/criticals", ctx -> ctx.json(criticals().list(session(ctx).account(), uuid(ctx))));
        post("/api/requests/{id}/criticals/{alert}/acknowledge", ctx -> {
            Accounts.Session s = session(ctx);
            ctx.json(criticals().acknowledge(s.account(), s.workstation(), uuid(ctx), longParam(ctx, "alert"),
                    body(ctx, AcknowledgeBody.class).readBack()));
        });
        get("/api/requests/{id}/report", ctx -> {
            UUID id = uuid(ctx);
            requests.get(session(ctx).account(), id);
            List<String> payload = Jdbc.query(database.dataSource(), "SELECT payload FROM request_reports WHERE "
                    + "request_id = ? ORDER BY reported_at DESC, version DESC LIMIT 1", rs -> rs.getString(1), id);
            if (payload.isEmpty()) {
                throw ApiException.notFound("request " + id + " has no signed report yet");
            }
            ctx.contentType("application/json").result(payload.get(0));
        });
        // what happens to the requests the account may see, pushed as it is committed (server-sent events)
        routes.add("GET /api/events");
        app.sse("/api/events", client -> feed.connect(client, session(client.ctx()).account(),
                since(client.ctx())));

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 413 ? "the body is larger than the center takes (" + config.maxBodyBytes() + " bytes)"
                        : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "the center could not do this (" + e.getClass().getSimpleName() + "); it is in the "
                    + "center's log");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "there is no " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private void get(String path, io.javalin.http.Handler handler) {
        routes.add("GET " + path);
        app.get(path, handler);
    }

    private void post(String path, io.javalin.http.Handler handler) {
        routes.add("POST " + path);
        app.post(path, handler);
    }

    /** The routes it answers, as "METHOD /path" (what its OpenAPI document must describe). */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    private static void error(Context ctx, int status, String reason) {
        ctx.status(status).json(Map.of("error", reason));
    }

    private static Accounts.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    private static String[] basic(Context ctx) {
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(ctx.header("Authorization")
                    .substring(6).strip()), java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw ApiException.unauthorized("the Basic credentials have no \"login:password\"");
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("the Basic credentials are not Base64");
        }
    }

    private <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiException.badRequest("the body is empty; a JSON object is expected");
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw ApiException.badRequest("the body is null; a JSON object is expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field \"" + e.getPropertyName() + "\"");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            // Jackson's words without its class names and configuration hints
            throw ApiException.badRequest("the body is not the JSON expected" + where + ": " + e.getOriginalMessage()
                    .replaceAll("`[a-z.]+\\.([A-Za-z]+)`", "$1").replaceAll("\\s*\\(set [A-Za-z.]+Feature.*$", "")
                    .replaceAll("\\s*\\(for Object starting at.*$", ""));
        } catch (IOException e) {
            throw ApiException.badRequest("the body cannot be read: " + e.getMessage());
        }
    }

    private static UUID uuid(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("\"" + ctx.pathParam("id") + "\" is not a request id");
        }
    }

    private static long longParam(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("\"" + ctx.pathParam(name) + "\" is not a number (" + name + ")");
        }
    }

    private static int intParam(Context ctx, String name, int otherwise, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiException.badRequest("\"" + name + "\" must be " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("\"" + name + "\" must be a number");
        }
    }

    private CriticalRelay criticals() {
        if (criticals == null) {
            throw ApiException.notFound("this center has no reporting database configured: it has no critical values");
        }
        return criticals;
    }

    /** Where a workstation's feed resumes: the Last-Event-ID header or {@code ?since=}, else 0. */
    private static long since(Context ctx) {
        String v = Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("since"));
        try {
            return v == null || v.isBlank() ? 0 : Math.max(0, Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The port it listens on (the configured one, or the free one it was given for 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        feed.close();
        app.stop();
        if (reporting != null) {
            reporting.close();
        }
        if (ownsDatabase) {
            database.close();
        }
    }
}
