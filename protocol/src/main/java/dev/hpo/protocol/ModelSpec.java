package dev.hpo.protocol;

/**
 * Which model builder a runner uses to turn hyperparameters into a network.
 *
 * @param builder name of a builder the runner knows ({@code mlp} is built in)
 */
public record ModelSpec(String builder) {

    public static final ModelSpec MLP = new ModelSpec("mlp");

    public ModelSpec {
        builder = builder == null || builder.isBlank() ? "mlp" : builder;
    }
}
