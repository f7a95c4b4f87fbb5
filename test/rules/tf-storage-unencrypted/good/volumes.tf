resource "aws_ebs_volume" "restored" {
  availability_zone = "us-east-1a"
  snapshot_id       = "snap-0123456789abcdef0"
}

# The root volume follows the AMI.
resource "aws_instance" "bastion" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  root_block_device {
    volume_size = 20
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "clinic-workers-"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "true"
    }
  }
}
