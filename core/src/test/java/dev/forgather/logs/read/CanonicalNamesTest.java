package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalNamesTest {
    @Test
    void huggingFaceTensorBoardTagsGetTheirTrainerKeysBack() {
        assertThat(CanonicalNames.of(List.of(
                        "train/loss",
                        "train/grad_norm",
                        "train/learning_rate",
                        "train/epoch",
                        "eval/loss",
                        "eval/runtime",
                        "train/train_runtime",
                        "train/train_loss",
                        "test/loss")))
                .containsExactly(
                        entry("train/loss", "loss"),
                        entry("train/grad_norm", "grad_norm"),
                        entry("train/learning_rate", "learning_rate"),
                        entry("train/epoch", "epoch"),
                        entry("eval/loss", "eval_loss"),
                        entry("eval/runtime", "eval_runtime"),
                        entry("train/train_runtime", "train_runtime"),
                        entry("train/train_loss", "train_loss"),
                        entry("test/loss", "test_loss"));
    }

    @Test
    void kerasAndTutorialTagsMapToTheCommonMetrics() {
        assertThat(CanonicalNames.of(List.of("batch_loss", "batch_acc", "epoch_loss", "epoch_val_loss", "epoch_lr")))
                .as("Keras: the per-batch loss is the loss, the per-epoch one keeps its name")
                .containsOnly(
                        entry("batch_loss", "loss"),
                        entry("epoch_val_loss", "eval_loss"),
                        entry("epoch_lr", "learning_rate"));
        assertThat(CanonicalNames.of(List.of("epoch_loss", "epoch_val_loss")))
                .containsOnly(entry("epoch_loss", "loss"), entry("epoch_val_loss", "eval_loss"));
        assertThat(CanonicalNames.of(List.of("Loss/train", "Loss/val", "lr-SGD")))
                .containsOnly(
                        entry("Loss/train", "loss"), entry("Loss/val", "eval_loss"), entry("lr-SGD", "learning_rate"));
        assertThat(CanonicalNames.of(List.of("train_loss_epoch", "validation_loss")))
                .as("Lightning with no per-step loss")
                .containsOnly(entry("train_loss_epoch", "loss"), entry("validation_loss", "eval_loss"));
    }

    @Test
    void lightningColumnsMapToTheCommonMetrics() {
        assertThat(CanonicalNames.of(List.of("lr-AdamW", "train_loss_epoch", "train_loss_step", "val_loss", "val_acc")))
                .containsOnly(
                        entry("lr-AdamW", "learning_rate"),
                        entry("train_loss_step", "loss"),
                        entry("val_loss", "eval_loss"));
    }

    @Test
    void trainLossIsTheLossOnlyWhenNothingMoreSpecificIsLogged() {
        assertThat(CanonicalNames.of(List.of("train_loss", "val_loss"))).containsEntry("train_loss", "loss");
        assertThat(CanonicalNames.of(List.of("train_loss_step", "train_loss")))
                .containsOnly(entry("train_loss_step", "loss"));
        // A Hugging Face run logged to MLflow: train_loss is the whole run's mean, loss the per-step loss.
        assertThat(CanonicalNames.of(List.of("loss", "eval_loss", "train_loss")))
                .isEmpty();
    }

    @Test
    void aCanonicalNameGoesToOneOriginalName() {
        assertThat(CanonicalNames.of(List.of("loss", "train/loss"))).isEmpty();
        assertThat(CanonicalNames.of(List.of("lr", "lr-SGD"))).containsOnly(entry("lr", "learning_rate"));
        assertThat(CanonicalNames.of(List.of("lr-SGD/pg2", "lr-SGD/pg1")))
                .containsOnly(entry("lr-SGD/pg1", "learning_rate"));
    }

    @Test
    void otherNamesKeepTheirOwnName() {
        assertThat(CanonicalNames.of(List.of("accuracy", "train/a/b", "eval/", "/x")))
                .isEmpty();
    }
}
