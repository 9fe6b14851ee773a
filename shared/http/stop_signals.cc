#include "shared/http/stop_signals.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace gofast::http {
namespace {

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

}  // namespace

void BlockStopSignals() {
  const sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

bool ServeUntilStopSignal(Server& server) {
  std::atomic<bool> served{false};
  bool signalled = false;  // read after the join
  // A thread that waits for the signal synchronously may call anything,
  // unlike a signal handler.
  std::thread waiter([&] {
    const sigset_t signals = StopSignals();
    int received = 0;
    sigwait(&signals, &received);
    if (served) return;  // woken below
    signalled = true;
    // A signal sent right after "listening on" can come before Run() serves,
    // when Stop() would do nothing and the service would never stop: wait
    // until it serves (or Run() has ended without serving).
    while (!served && !server.Running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server.Stop();
  });
  server.Run();
  served = true;
  // Run() can also end without a signal (the listener failed): wake the waiter.
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
  return signalled;
}

}  // namespace gofast::http
