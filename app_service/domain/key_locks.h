#ifndef GOFAST_APP_SERVICE_DOMAIN_KEY_LOCKS_H_
#define GOFAST_APP_SERVICE_DOMAIN_KEY_LOCKS_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace gofast::app {

// One mutex per key, made on first use and dropped when no one holds or
// waits for it, so requests with one key run one after another while the
// rest never wait for them.
class KeyLocks {
 public:
  class Hold {
   public:
    ~Hold();
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    friend class KeyLocks;
    struct Entry;
    Hold(KeyLocks& owner, std::string key, std::shared_ptr<Entry> entry);

    KeyLocks& owner_;
    std::string key_;
    std::shared_ptr<Entry> entry_;
    std::unique_lock<std::mutex> lock_;
  };

  // Blocks until no other Hold of `key` exists.
  std::unique_ptr<Hold> Acquire(const std::string& key);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Hold::Entry>> entries_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_KEY_LOCKS_H_
