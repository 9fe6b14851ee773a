#include "app_service/domain/key_locks.h"

namespace gofast::app {

struct KeyLocks::Hold::Entry {
  std::mutex mutex;
  int users = 0;  // holders and waiters, counted under KeyLocks::mutex_
};

KeyLocks::Hold::Hold(KeyLocks& owner, std::string key, std::shared_ptr<Entry> entry)
    : owner_(owner), key_(std::move(key)), entry_(std::move(entry)), lock_(entry_->mutex) {}

KeyLocks::Hold::~Hold() {
  lock_.unlock();
  std::lock_guard<std::mutex> guard(owner_.mutex_);
  if (--entry_->users == 0) owner_.entries_.erase(key_);
}

std::unique_ptr<KeyLocks::Hold> KeyLocks::Acquire(const std::string& key) {
  std::shared_ptr<Hold::Entry> entry;
  {
    std::lock_guard<std::mutex> guard(mutex_);
    std::shared_ptr<Hold::Entry>& slot = entries_[key];
    if (!slot) slot = std::make_shared<Hold::Entry>();
    ++slot->users;
    entry = slot;
  }
  return std::unique_ptr<Hold>(new Hold(*this, key, std::move(entry)));
}

}  // namespace gofast::app
