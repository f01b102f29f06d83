package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SimCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--nodes -3                       | --nodes must be at least 2, got -3",
        "--nodes 201                      | --nodes 201 is over the limit of 200",
        "--miners 0                       | --miners must be at least 1, got 0",
        "--nodes 4 --miners 5             | --miners 5 is more than --nodes 4",
        "--loss 1.5                       | --loss must be a probability in [0, 1], got 1.5",
        "--duration 10                    | --duration: '10' is not a duration: give a number and a unit",
        "--latency fast                   | --latency: 'fast' is not a duration",
        "--duration 8d                    | --duration 8d is over the limit of 7d",
        "--duration 10m --partition 8m+5m | --partition 8m+5m ends at 13m, after the run's --duration 10m",
        "--partition 5m                   | --partition '5m' is not AT+LENGTH, e.g. 10m+5m",
        "--miners 3 --hash-shares 1,2     | --hash-shares gives 2 shares for 3 miners",
        "--nodes 200 --duration 1d        | node-seconds, over the limit of 2000000",
        "--nodes 200 --duration 2h --block-interval 100ms | stored blocks, over the limit of 3000000",
        "--tx-rate -1                     | --tx-rate must be 0..50 per second, got -1",
        "--nodes 3 --miners 3 --churn 1m  | --churn needs nodes that do not mine",
        "--nodes 5 --miners 3 --light 3   | --light 3 is more than the 2 nodes that do not mine",
        "--partition -10s+5s              | --partition: '-10s' is not a duration",
        "--partition 1m+5M                | --partition: '5M' is not a duration: units are lower case",
        "--duration 0.0001ms              | --duration 0.0001ms is shorter than one tick of the simulation: at least 50ms",
        "--duration 1M                    | --duration: '1M' is not a duration: units are lower case",
        "--settle 10ms                    | --settle 10ms is shorter than one tick of the simulation: at least 50ms, or 0s",
        "--churn-downtime 5m              | --churn-downtime has no effect without --churn",
    })
    void badInputIsOneLineAndAUsageError(String args, String message) {
        CliRun run = CliRun.of(("sim run " + args.strip()).split("\\s+"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(message);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aNumberThatIsNotOneIsAUsageError() {
        CliRun run = CliRun.of("sim", "run", "--nodes", "many");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--nodes").contains("many");
    }

    @Test
    void helpNamesEveryOptionWithItsDefault() {
        CliRun run = CliRun.of("sim", "run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--nodes=N", "--miners=M", "--block-interval=DURATION", "--latency=DURATION",
                "--loss=P", "--tx-rate=R", "--partition=AT+LENGTH", "--churn=DURATION", "--seed=SEED", "--json",
                "--hash-shares=SHARE[,");
        assertThat(run.out().replaceAll("\\s+", " ")).contains("(default 3, or --nodes if fewer)",
                "(default 10s; at least 100ms)", "(default 50ms; at most 1m)", "default 2; 1 to 64");
    }

    @Test
    void withoutMinersEveryNodeOfANetworkOfFewerThanThreeMines() throws Exception {
        CliRun run = CliRun.of("sim", "run", "--nodes", "2", "--duration", "1m", "--settle", "10s", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).path("config").path("miners").asInt()).isEqualTo(2);
    }

    @Test
    void propagationThatMeasuredNothingShowsDashesNotZeros() throws Exception {
        // every frame lost: no block or payment reaches both nodes, so no level has a measurement
        String[] args = {"sim", "run", "--nodes", "2", "--duration", "1m", "--settle", "0s", "--loss", "1",
            "--tx-rate", "1"};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = run.out().lines().filter(l -> l.matches("  (50|90|100) % .*")).toList();
        assertThat(rows).as(run.out()).hasSize(6)
                .allSatisfy(row -> assertThat(row.strip().split("\\s+")).endsWith("-", "-", "-", "-"));

        // the JSON keeps its numbers; count 0 says they are not measurements
        String[] withJson = Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        JsonNode level = Json.MAPPER.readTree(CliRun.of(withJson).out()).path("block_propagation").path("levels")
                .path(0);
        assertThat(level.path("count").asLong()).isZero();
        assertThat(level.path("mean_ms").isNumber()).isTrue();
    }

    @Test
    void theHeaderOfATwoNodeRunSaysWhatTheNodesHave() {
        CliRun run = CliRun.of("sim", "run", "--nodes", "2", "--duration", "1m", "--settle", "10s", "--latency", "0s",
                "--tx-rate", "0.0000001");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("flint sim: 2 nodes (2 mining), 1 bootstrap peer each, fanout 2",
                "; links 0ms latency, ", "; 0.0000001 payments/s", "bootstrap graph: 1 link, connected");
    }

    @Test
    void aChurnDowntimeWithChurnIsUsed() throws Exception {
        CliRun run = CliRun.of("sim", "run", "--nodes", "3", "--miners", "1", "--duration", "5s", "--settle", "0s",
                "--churn", "1s", "--churn-downtime", "1s", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).path("config").path("churn_downtime").asText()).isEqualTo("1s");
    }

    @Test
    void durationsAreEchoedInPlainDecimals() throws Exception {
        CliRun run = CliRun.of("sim", "run", "--nodes", "2", "--duration", "1m", "--settle", "0s", "--latency",
                "0.0001ms", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).path("config").path("latency").asText()).isEqualTo("0.0001ms");
    }

    @Test
    void aSmallRunPrintsTheSameJsonReportTwice() throws Exception {
        String[] args = {"sim", "run", "--nodes", "4", "--miners", "2", "--peers-per-node", "2", "--duration", "1m",
            "--settle", "20s", "--seed", "9", "--json"};
        CliRun first = CliRun.of(args);
        CliRun second = CliRun.of(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        JsonNode report = Json.MAPPER.readTree(first.out());
        assertThat(report.path("config").path("nodes").asInt()).isEqualTo(4);
        assertThat(report.path("blocks").path("mined").asLong()).isPositive();
        assertThat(report.path("end").path("nodes")).hasSize(4);
        assertThat(first.err()).contains("of virtual time in").contains("s of wall time");
    }

    @Test
    void theTextReportHasItsSections() {
        CliRun run = CliRun.of("sim", "run", "--nodes", "4", "--miners", "2", "--duration", "1m", "--settle", "20s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("blocks       mined", "reorgs", "block propagation", "traffic", "end ",
                "simulated ");
    }
}
