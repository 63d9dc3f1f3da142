package com.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the dispatcher hands its sender threads; the sending itself is in ProviderPagingTest. */
class DispatchQueueTest {
  private final TenantId tenant = new TenantId(UUID.randomUUID());

  @Test
  void aMessageAlreadyInThisNodesQueueIsNotQueuedAgain() {
    HeldTasks executor = new HeldTasks();
    NotificationDispatcher dispatcher = dispatcher(executor);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    dispatcher.dispatch(tenant, List.of(first));
    dispatcher.dispatch(tenant, List.of(first, second));
    dispatcher.dispatch(tenant, List.of(second));

    assertThat(executor.tasks).hasSize(2);
  }

  @Test
  void aMessageRefusedByAStoppingExecutorCanBeQueuedLater() {
    HeldTasks executor = new HeldTasks();
    NotificationDispatcher dispatcher = dispatcher(executor);
    UUID id = UUID.randomUUID();

    executor.refusing = true;
    dispatcher.dispatch(tenant, List.of(id));
    executor.refusing = false;
    dispatcher.dispatch(tenant, List.of(id));

    assertThat(executor.tasks).hasSize(1);
  }

  /** Only dispatch() runs here: the tasks are held, never run, so no other part is needed. */
  private static NotificationDispatcher dispatcher(HeldTasks executor) {
    return new NotificationDispatcher(
        null,
        null,
        null,
        null,
        Duration.ofMinutes(2),
        5,
        executor,
        null,
        null,
        Clock.systemUTC(),
        new MetricRegistry());
  }

  private static final class HeldTasks extends AbstractExecutorService {
    final List<Runnable> tasks = new ArrayList<>();
    boolean refusing;

    @Override
    public void execute(Runnable task) {
      if (refusing) {
        throw new RejectedExecutionException("stopping");
      }
      tasks.add(task);
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
