package dev.hpo.runner.model;

import java.util.Arrays;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * The {@code activation} of the hidden layers of the built-in builders, by its Keras name, with Keras' default constants: leaky ReLU's
 * negative slope 0.2 ({@code keras.activations.leaky_relu}), ELU's alpha 1, swish {@code x * sigmoid(x)}, GELU
 * exact (with {@code erf}, Keras' {@code approximate=False}), mish {@code x * tanh(softplus(x))}. Mish is written
 * out here: DJL 0.36's {@code Activation.mish} takes a base-2 logarithm where the definition has the natural one.
 */
public enum HiddenActivation {

    RELU("relu", Activation::relu),
    TANH("tanh", Activation::tanh),
    SIGMOID("sigmoid", Activation::sigmoid),
    GELU("gelu", Activation::gelu),
    ELU("elu", arrays -> Activation.elu(arrays, 1f)),
    SELU("selu", Activation::selu),
    SOFTPLUS("softplus", Activation::softPlus),
    LEAKY_RELU("leaky_relu", arrays -> Activation.leakyRelu(arrays, 0.2f)),
    SWISH("swish", arrays -> Activation.swish(arrays, 1f)),
    MISH("mish", arrays -> {
        NDArray x = arrays.singletonOrThrow();
        return new NDList(x.mul(Activation.softPlus(x).tanh()));
    });

    /** The hyperparameter's name. */
    public static final String NAME = "activation";

    private final String keyword;
    private final Function<NDList, NDList> function;

    HiddenActivation(String keyword, Function<NDList, NDList> function) {
        this.keyword = keyword;
        this.function = function;
    }

    /** The hyperparameter value, as Keras names the activation. */
    public String keyword() {
        return keyword;
    }

    public Function<NDList, NDList> function() {
        return function;
    }

    /** @throws IllegalArgumentException naming the known activations when {@code keyword} is none of them */
    public static HiddenActivation of(String keyword) {
        return Arrays.stream(values()).filter(a -> a.keyword.equals(keyword)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(NAME + " must be one"
                        + " of " + Arrays.stream(values()).map(HiddenActivation::keyword).toList() + ", was '"
                        + keyword + "'"));
    }
}
