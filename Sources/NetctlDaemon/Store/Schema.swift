import GRDB

/// The database schema. Migrations are append-only: once one has landed it is never edited, so every
/// existing state.db upgrades the same way.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: VPCs, subnets, route tables, gateways, interfaces, events, idempotency") { db in
            for table in ["vpcs", "subnets", "route_tables", "internet_gateways", "nat_gateways", "network_interfaces"] {
                try createResourceTable(db, table)
            }
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        account TEXT NOT NULL,
                        region TEXT NOT NULL,
                        resource_type TEXT NOT NULL,
                        resource_id TEXT NOT NULL,
                        action TEXT NOT NULL,
                        status TEXT,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX events_resource ON events (resource_type, resource_id);
                    CREATE TABLE idempotency (
                        token TEXT NOT NULL,
                        account TEXT NOT NULL,
                        region TEXT NOT NULL,
                        method TEXT NOT NULL,
                        params_hash TEXT NOT NULL,
                        result TEXT NOT NULL,
                        at TEXT NOT NULL,
                        PRIMARY KEY (account, region, token)
                    );
                    """)
        }
        migrator.registerMigration("v2: peering connections") { db in
            try createResourceTable(db, "peerings")
        }
        migrator.registerMigration("v3: VPC endpoints") { db in
            try createResourceTable(db, "endpoints")
        }
        migrator.registerMigration("v4: ECR repositories and images") { db in
            try createResourceTable(db, "ecr_repositories")
            try createResourceTable(db, "ecr_images")
        }
        migrator.registerMigration("v5: ECS clusters, instances, task definitions, services, tasks; Cloud Map namespaces") { db in
            for table in ["ecs_clusters", "ecs_container_instances", "ecs_task_definitions", "ecs_services", "ecs_tasks", "sd_namespaces"] {
                try createResourceTable(db, table)
            }
        }
        migrator.registerMigration("v6: EKS clusters, node groups and Fargate profiles") { db in
            for table in ["eks_clusters", "eks_nodegroups", "eks_fargate_profiles"] {
                try createResourceTable(db, table)
            }
        }
        migrator.registerMigration("v7: Elastic IP addresses") { db in
            try createResourceTable(db, "elastic_ips")
        }
        migrator.registerMigration("v8: Cloud Map services, instances and operations") { db in
            for table in ["sd_services", "sd_instances", "sd_operations"] {
                try createResourceTable(db, table)
            }
        }
        migrator.registerMigration("v9: security groups") { db in
            try createResourceTable(db, "security_groups")
            // Every VPC has a default group: those stored before groups existed get theirs here, with
            // IDs made of the VPC's own hex digits (unique as the VPC's are), and AWS's rules.
            try db.execute(
                sql: """
                    INSERT INTO security_groups (id, account_id, region, parent_id, status, created_at, body)
                    SELECT 'sg-' || substr(id, 5), account_id, region, id, NULL, created_at,
                        json_object(
                            'groupId', 'sg-' || substr(id, 5), 'groupName', 'default', 'vpcId', id,
                            'description', 'default VPC security group',
                            'ingressRules', json_array(json_object(
                                'ruleId', 'sgr-' || substr(id, 5), 'protocol', '-1',
                                'referencedGroupId', 'sg-' || substr(id, 5))),
                            'egressRules', json_array(json_object(
                                'ruleId', 'sgr-' || substr(id, 6) || '0', 'protocol', '-1', 'cidrIpv4', '0.0.0.0/0')),
                            'isDefault', json('true'), 'accountId', account_id, 'region', region,
                            'tags', json_object(), 'createdAt', created_at)
                    FROM vpcs
                    """)
        }
        migrator.registerMigration("v10: network ACLs") { db in
            try createResourceTable(db, "network_acls")
            try NetworkAclBackfill.run(db)
        }
        migrator.registerMigration("v11: instances") { db in
            try createResourceTable(db, "instances")
        }
        migrator.registerMigration("v12: network insights") { db in
            try createResourceTable(db, "network_insights_paths")
            try createResourceTable(db, "network_insights_analyses")
        }
        migrator.registerMigration("v13: transit gateways") { db in
            try createResourceTable(db, "transit_gateways")
            try createResourceTable(db, "transit_gateway_attachments")
            try createResourceTable(db, "transit_gateway_route_tables")
        }
        migrator.registerMigration("v14: vpn") { db in
            try createResourceTable(db, "customer_gateways")
            try createResourceTable(db, "vpn_gateways")
            try createResourceTable(db, "vpn_connections")
        }
        migrator.registerMigration("v15: direct connect gateways") { db in
            try createResourceTable(db, "dx_gateways")
        }
        migrator.registerMigration("v16: elastic load balancing") { db in
            try createResourceTable(db, "load_balancers")
            try createResourceTable(db, "target_groups")
            try createResourceTable(db, "listeners")
            try createResourceTable(db, "listener_rules")
            try createResourceTable(db, "health_check_progress")
        }
        return migrator
    }

    /// Every resource kind has the same shape: key columns for lookups and inspection with sqlite3,
    /// and the full resource as JSON in `body`.
    static func createResourceTable(_ db: Database, _ name: String) throws {
        try db.execute(
            sql: """
                CREATE TABLE \(name) (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL,
                    region TEXT NOT NULL,
                    parent_id TEXT,
                    status TEXT,
                    created_at TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX \(name)_scope ON \(name) (account_id, region);
                CREATE INDEX \(name)_parent ON \(name) (parent_id);
                """)
    }
}
