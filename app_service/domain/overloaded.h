#ifndef GOFAST_APP_SERVICE_DOMAIN_OVERLOADED_H_
#define GOFAST_APP_SERVICE_DOMAIN_OVERLOADED_H_

namespace gofast::app {

// std::visit with one lambda per alternative (the RunField variant).
template <typename... Visitors>
struct Overloaded : Visitors... {
  using Visitors::operator()...;
};
template <typename... Visitors>
Overloaded(Visitors...) -> Overloaded<Visitors...>;

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_OVERLOADED_H_
