package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** yamllint (Debian's package) over every YAML file of deploy/kubernetes with its .yamllint; warnings fail too. */
class YamlLintTest {

    @Test
    void manifestsPassYamllintStrictly() {
        Tools.Result result = Tools.run(Repository.kubernetes(), Tools.yamllint(), "--strict", "--format", "parsable",
                ".");
        assertEquals(0, result.exitCode(), () -> "yamllint --strict . in deploy/kubernetes:\n" + result.stdout()
                + result.stderr());
    }
}
