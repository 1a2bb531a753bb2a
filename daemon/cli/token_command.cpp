#include "daemon/cli/token_command.h"

#include <memory>

#include "daemon/http/token_secret.h"

namespace duly::daemon {

int RunTokenCreate(Store& store, const std::string& role, const std::string& name, bool quiet,
                   CommandContext& context) {
  const auto parsed_role = ParseRole(role);
  if (!parsed_role) {
    context.err << "duly: unknown role '" << role
                << "'; use one of admin, manager, collector, colleague, integration\n";
    return kExitUsage;
  }
  if (name.empty()) {
    context.err << "duly: --name must say what the token is for (\"erp-sync\", \"anna\")\n";
    return kExitUsage;
  }
  const std::string secret = GenerateTokenSecret();
  ApiToken token;
  token.name = name;
  token.role = *parsed_role;
  token.hash = HashTokenSecret(secret);
  auto created = store.CreateToken(token, CommandLineActor());
  if (!created) {
    PrintError(context.err, created.error().WithContext("cannot create the token"));
    return kExitFailure;
  }
  if (quiet) {
    context.out << secret << '\n';
  } else {
    context.out << "Created token " << created->id << " (" << created->name << ", role "
                << RoleName(created->role) << ").\n"
                << "Secret: " << secret << '\n'
                << "Store it now; it is not shown again. Send it as "
                << "\"Authorization: Bearer <secret>\".\n";
  }
  return kExitOk;
}

int RunTokenRevoke(Store& store, std::int64_t id, CommandContext& context) {
  if (Status revoked = store.RevokeToken(id, CommandLineActor()); !revoked) {
    PrintError(context.err,
               revoked.error().WithContext("cannot revoke token " + std::to_string(id)));
    return kExitFailure;
  }
  context.out << "Revoked token " << id << ".\n";
  return kExitOk;
}

void AddTokenCommands(CLI::App& app, CommandContext& context) {
  auto* token = app.add_subcommand("token", "Create and revoke API tokens");
  token->require_subcommand(1);

  struct CreateOptions {
    std::string role;
    std::string name;
    bool quiet = false;
  };
  auto create_options = std::make_shared<CreateOptions>();
  auto* create = token->add_subcommand("create", "Create a token and print its secret once");
  create
      ->add_option("--role", create_options->role,
                   "admin, manager, collector, colleague or integration")
      ->required();
  create->add_option("--name", create_options->name, "What the token is for")->required();
  create->add_flag("--quiet,-q", create_options->quiet, "Print only the secret");
  create->callback([&context, create_options] {
    auto store = context.OpenDatabase();
    context.exit_code = store ? RunTokenCreate(*store, create_options->role, create_options->name,
                                               create_options->quiet, context)
                              : kExitFailure;
  });

  auto revoke_id = std::make_shared<std::int64_t>(0);
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id");
  revoke->add_option("id", *revoke_id, "The token id")->required()->check(CLI::PositiveNumber);
  revoke->callback([&context, revoke_id] {
    auto store = context.OpenDatabase();
    context.exit_code = store ? RunTokenRevoke(*store, *revoke_id, context) : kExitFailure;
  });
}

}  // namespace duly::daemon
