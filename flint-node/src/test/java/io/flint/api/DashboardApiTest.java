package io.flint.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.api.ApiNode.Response;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files as a browser fetches them: the pages, their scripts and styles, the
 * libraries from the WebJars without a version in the path, nothing outside those folders, and
 * the CORS header the network view relies on.
 */
class DashboardApiTest extends OneApiNodePerClass {

    private String type(Response r) {
        return r.raw().headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void thePagesAndTheirFilesAreServedWithTheirTypes() {
        Response page = n.getText("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(type(page)).startsWith("text/html");
        assertThat(page.text()).contains("<title>Flint node</title>", "/assets/js/app.js", "/lib/cytoscape/", "/lib/chart.js/");
        Response network = n.getText("/network");
        assertThat(network.status()).isEqualTo(200);
        assertThat(network.text()).contains("/assets/js/network.js");

        for (String script : new String[] {"app", "graph", "charts", "explorer", "util", "theme", "network"}) {
            Response js = n.getText("/assets/js/" + script + ".js");
            assertThat(js.status()).as(script).isEqualTo(200);
            assertThat(type(js)).startsWith("text/javascript");
        }
        assertThat(type(n.getText("/assets/dashboard.css"))).startsWith("text/css");
        assertThat(type(n.getText("/assets/flint.svg"))).startsWith("image/svg+xml");
    }

    @Test
    void librariesComeFromTheWebJarsWhateverTheirVersion() {
        Response cytoscape = n.getText("/lib/cytoscape/dist/cytoscape.min.js");
        assertThat(cytoscape.status()).isEqualTo(200);
        assertThat(cytoscape.text().length()).isGreaterThan(100_000);
        assertThat(cytoscape.raw().headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
        Response chart = n.getText("/lib/chart.js/dist/chart.umd.min.js");
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.text()).contains("Chart");

        Response unknown = n.get("/lib/leftpad/index.js");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.reason()).isEqualTo("no front-end library 'leftpad' in this build");
    }

    @Test
    void nothingOutsideTheDashboardFoldersIsReachable() {
        for (String path : new String[] {"/assets/../logback-test.xml", "/assets/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
            "/assets/nothing.js", "/lib/cytoscape/../../../io/flint/api/ApiServer.class", "/assets/.hidden"}) {
            Response r = n.getText(path);
            assertThat(r.status()).as(path).isIn(400, 404);
        }
    }

    @Test
    void readsAreOpenToOtherOriginsAndWritesAreNot() {
        Response status = n.get("/status");
        assertThat(status.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        Response mine = n.post("/sync", "");
        assertThat(mine.status()).isEqualTo(202);
        assertThat(mine.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
