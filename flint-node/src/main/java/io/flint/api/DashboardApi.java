package io.flint.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web dashboard: {@code GET /} is its page, {@code /assets/...} its own scripts and styles
 * (plain files under {@code src/main/resources/dashboard}, no build step), {@code /lib/NAME/...}
 * the front-end libraries from their WebJars on the classpath (so the page works offline; the
 * version comes from the WebJar, so the page names none). Everything it shows it reads from the
 * JSON API and {@code /events}.
 */
final class DashboardApi implements ApiRoutes {
    private static final String ROOT = "dashboard/";
    private static final String WEBJARS = "META-INF/resources/webjars/";
    /** Path segments of letters, digits, dots, dashes and underscores: no "..", no absolute paths. */
    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*/)*[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "map", "application/json",
            "ico", "image/x-icon");

    private final ClassLoader loader = DashboardApi.class.getClassLoader();
    /** WebJar name -> its version, read once from the jar's Maven metadata. */
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    @Override
    public void register(Javalin app) {
        app.get("/", ctx -> serve(ctx, ROOT + "index.html", false));
        app.get("/network", ctx -> serve(ctx, ROOT + "network.html", false));
        app.get("/assets/<path>", ctx -> serve(ctx, ROOT + safe(ctx.pathParam("path")), false));
        app.get("/lib/{name}/<path>", ctx -> {
            String name = safe(ctx.pathParam("name"));
            String version = versions.computeIfAbsent(name, this::webjarVersion);
            serve(ctx, WEBJARS + name + "/" + version + "/" + safe(ctx.pathParam("path")), true);
        });
    }

    private static String safe(String path) {
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new ApiException(404, "not_found", "no dashboard file '" + path + "'");
        }
        return path;
    }

    private String webjarVersion(String name) {
        for (String group : new String[] {"org.webjars.npm", "org.webjars"}) {
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + name + "/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new ApiException(404, "not_found", "no front-end library '" + name + "' in this build");
    }

    private void serve(Context ctx, String resource, boolean versioned) throws IOException {
        byte[] body;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ApiException(404, "not_found", "no dashboard file " + ctx.path());
            }
            body = in.readAllBytes();
        }
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"));
        // libraries change only with the jar; the dashboard's own files with every edit
        ctx.header("Cache-Control", versioned ? "public, max-age=86400" : "no-cache");
        ctx.result(body);
    }
}
