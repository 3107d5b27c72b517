package dev.hpo.runner.model;

import java.util.Map;
import java.util.Set;

import ai.djl.nn.Block;

/**
 * Turns a trial's hyperparameters into a network: KerasTuner's {@code model_builder(hp)}, in Java. The runner
 * finds builders with {@link java.util.ServiceLoader}: a builder is a public class with a public no-argument
 * constructor, named in {@code META-INF/services/dev.hpo.runner.model.ModelBuilder} of its jar. Studies choose
 * one by {@link #name()} in {@code model.builder}.
 * <p>
 * The trainer owns everything but the network: the loss (softmax cross-entropy over the logits the block
 * returns), the optimiser and its learning-rate schedule, batches, Keras' L2 penalty on every
 * {@link ai.djl.nn.Parameter.Type#WEIGHT WEIGHT} parameter, weight decay, seeding, dropout masks, checkpoints and
 * exact resume. It reads the {@link #TRAINING_HYPERPARAMETERS} itself; a builder reads only its own.
 * <p>
 * A builder must be stateless and thread-safe: one instance serves every trial of the process.
 */
public interface ModelBuilder {

    /** The hyperparameters the trainer reads for every model; no builder may declare them. */
    Set<String> TRAINING_HYPERPARAMETERS = Set.of("optimizer", "learning_rate", "beta_1", "beta_2", "epsilon",
            "rho", "momentum", "nesterov", "batch_size", "l2", "weight_decay", "lr_schedule", "decay_steps",
            "decay_rate", "staircase", "lr_boundaries", "lr_values");

    /** What studies write in {@code model.builder}; unique among the runner's builders. */
    String name();

    /**
     * Every hyperparameter {@link #build} may read, beyond the {@link #TRAINING_HYPERPARAMETERS}. A trial that
     * sets a name neither the trainer nor the builder reads fails before it starts, naming it.
     */
    Set<String> hyperparameters();

    /**
     * Builds a new, uninitialised network for one trial. The trainer feeds it batches of shape
     * {@code (batch, input.shape()...)}, e.g. {@code (128, 1, 28, 28)} for Fashion-MNIST, and expects logits of
     * shape {@code (batch, input.classes())}. DJL names the parameters by their position in the block, so the same
     * values must give the same structure in every process for checkpoints to resume.
     *
     * @param input  the shape of one sample and the number of classes
     * @param values the trial's values of (some of) {@link #hyperparameters()}; a name that is absent takes the
     *               builder's default. JSON types: {@link Number} (a whole number may arrive as {@code 64.0}),
     *               {@link Boolean}, {@link String}, {@link java.util.List} of numbers
     * @throws IllegalArgumentException naming the hyperparameter and the values it accepts, or saying why the
     *                                  input does not suit the model; the trial fails with this message
     */
    Block build(ModelInput input, Map<String, Object> values);

    /**
     * The values {@link #build} will use, defaults included, so that two requests meaning the same network compare
     * equal: a checkpoint stores them, and a resume whose values resolve differently is refused. The default keeps
     * the values as given; override it to fill in defaults. May throw like {@link #build}.
     */
    default Map<String, Object> resolve(Map<String, Object> values) {
        return values;
    }
}
