import ArgumentParser

struct EcrImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Images: manifests by digest, with tags.",
        subcommands: [EcrImagePutCommand.self, EcrImageListCommand.self, EcrImageGetCommand.self, EcrImageDeleteCommand.self])
}
