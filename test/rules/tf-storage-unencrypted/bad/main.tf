resource "aws_ebs_volume" "imaging_cache" { # expect: tf-storage-unencrypted
  availability_zone = "us-east-1a"
  size              = 500
}

resource "aws_ebs_volume" "dicom" {
  availability_zone = "us-east-1a"
  size              = 200
  encrypted         = false # expect: tf-storage-unencrypted
}

resource "aws_instance" "pacs" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "m6i.large"
  root_block_device {
    encrypted = false # expect: tf-storage-unencrypted
  }
  ebs_block_device { # expect: tf-storage-unencrypted
    device_name = "/dev/sdf"
    volume_size = 100
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "clinic-workers-"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "false" # expect: tf-storage-unencrypted
    }
  }
}

resource "aws_efs_file_system" "scans" { # expect: tf-storage-unencrypted
  creation_token = "clinic-scans"
}

resource "aws_elasticache_replication_group" "sessions" { # expect: tf-storage-unencrypted
  replication_group_id = "clinic-sessions"
  description          = "portal sessions"
  engine               = "redis"
  node_type            = "cache.t4g.small"
}

resource "aws_sqs_queue" "hl7_inbound" {
  name                    = "clinic-hl7-inbound"
  sqs_managed_sse_enabled = false # expect: tf-storage-unencrypted
}

resource "aws_sns_topic" "patient_notifications" { # expect: tf-storage-unencrypted
  name = "clinic-patient-notifications"
}
